"""Español."""

CODE = "es"
NAME = "Español"

OPS = {
    "grayscale": ["blanco y negro", "en blanco y negro", "byn", "b n", "escala de grises", "monocromo",
                  "monocromático", "monocromática", "sin color", "a grises", "en grises", "blanco negro"],
    "sepia": ["sepia", "tono sepia", "en sepia"],
    "vintage": ["vintage", "retro", "antiguo", "antigua", "envejecida", "envejecido", "foto antigua",
                "estilo antiguo", "analógico", "analógica", "efecto película", "nostálgico", "nostálgica",
                "años 70", "de época"],
    "vignette": ["viñeta", "viñeteado", "esquinas oscuras", "oscurecer las esquinas", "oscurece las esquinas"],
    "pencil_sketch": ["boceto", "dibujo a lápiz", "a lápiz", "lápiz", "dibujo", "esbozo", "carboncillo"],
    "cartoon": ["caricatura", "dibujo animado", "dibujos animados", "estilo cómic", "cómic", "comic", "anime",
                "cartoon", "animado"],
    "denoise": ["quitar ruido", "quitar el ruido", "quita el ruido", "reducir ruido", "reducir el ruido",
                "reduce el ruido", "eliminar ruido", "eliminar el ruido", "elimina el ruido", "sin ruido",
                "quitar grano", "quita el grano", "reducción de ruido", "quítale el ruido"],
    "auto_enhance": ["mejorar", "mejora", "mejórala", "mejóralo", "mejora la foto", "mejorar la foto",
                     "mejora automática", "automejora", "corregir colores", "corrige los colores",
                     "corregir los colores", "balance de blancos", "retocar", "retoca", "retócala", "retoque",
                     "arreglar", "arregla", "arréglala", "arréglalo", "corrección de color", "optimizar",
                     "optimiza", "que se vea mejor", "más profesional", "mejor"],
    "background_blur": ["bokeh", "modo retrato", "efecto retrato", "profundidad de campo"],
    "background_remove": ["transparente", "sin fondo", "fondo transparente", "quitafondos"],
    "background_clean": ["fondo de estudio", "estilo estudio", "estudio", "despejar", "despeja", "ordenar el fondo",
                         "ordena el fondo", "limpia el fondo", "limpiar el fondo"],
    "straighten": ["enderezar", "endereza", "enderézala", "enderézalo", "nivelar el horizonte",
                   "nivela el horizonte", "horizonte recto", "ponla recta", "ponlo recto", "torcida", "torcido",
                   "inclinada", "inclinado", "corrige la inclinación", "corregir la inclinación",
                   "alinear el horizonte", "alinea el horizonte", "endereza el horizonte"],
    "product_frame": ["foto de producto", "foto del producto", "foto producto", "imagen de producto",
                      "estilo catálogo", "foto de catálogo", "foto para ecommerce", "foto para tienda online",
                      "foto para amazon", "centra el producto", "centrar el producto", "producto centrado",
                      "centrado", "centrada", "en el centro"],
    "upscale": ["ampliar", "amplía", "amplíala", "amplíalo", "aumentar resolución", "aumentar la resolución",
                "aumenta la resolución", "más resolución", "mayor resolución", "alta resolución", "escalar",
                "agrandar", "agranda", "más grande", "duplicar el tamaño", "doble de tamaño", "el doble",
                "mejorar la resolución", "mejora la resolución", "reescalar"],
    "crop": ["recortar", "recorta", "recórtala", "recórtalo", "encuadrar", "encuadra", "cortar", "corta"],
    "crop.1:1": ["cuadrado", "cuadrada", "formato cuadrado"],
    "crop.16:9": ["panorámico", "panorámica", "pantalla ancha"],
    "resize": ["redimensionar", "redimensiona", "redimensiónala", "cambiar el tamaño", "cambia el tamaño",
               "cambiar tamaño", "ajustar el tamaño", "ajusta el tamaño", "tamaño"],
    "resize.half": ["más pequeña", "más pequeño", "reducir el tamaño", "reduce el tamaño", "achicar", "achica",
                    "encoger", "encoge", "la mitad de tamaño", "mitad de tamaño"],
    "rotate": ["rotar", "rota", "rótala", "rótalo", "girar", "gira", "gírala", "gíralo"],
    "rotate.180": ["boca abajo", "al revés", "dar la vuelta", "dale la vuelta", "media vuelta"],
    "flip": ["voltear", "voltea", "voltéala", "espejo", "efecto espejo", "reflejar", "refleja", "invertir",
             "invierte", "modo espejo"],
    "shadow": ["sombra", "sombras", "sombra suave", "sombra natural", "sombra de contacto", "sombra debajo"],
    "background_image": ["este fondo", "ese fondo", "el fondo adjunto", "el fondo que envio", "el nuevo fondo",
                         "esta imagen de fondo", "con esta imagen", "con la imagen adjunta",
                         "esta imagen como fondo", "usa este fondo"],
    "shadow.drop": ["sombra paralela", "sombra proyectada", "sombra dura", "sombra larga"],
}

AXES = {
    "brightness+": ["brillante", "brillo", "luminosa", "luminoso", "luminosidad", "clara", "claro", "más clara",
                    "más claro", "luz", "más luz", "iluminada", "iluminado"],
    "brightness-": ["oscura", "oscuro", "oscuras", "sombría", "sombrío", "tenue"],
    "exposure+": ["exposición", "sobreexpuesta", "sobreexpuesto"],
    "exposure-": ["subexpuesta", "subexpuesto"],
    "contrast+": ["contraste", "contrastada", "contrastado", "dramática", "dramático"],
    "contrast-": ["plana", "plano", "lavada", "deslavada", "bajo contraste"],
    "saturation+": ["saturada", "saturado", "saturación", "colorida", "colorido", "vívida", "vívido",
                    "colores vivos", "colores más vivos", "más color", "colores intensos"],
    "saturation-": ["desaturada", "desaturado", "colores apagados", "menos color", "descolorida"],
    "vibrance+": ["vibrante", "vibrantes", "viveza", "más vida", "que resalten los colores",
                  "resaltar los colores", "que destaquen los colores"],
    "vibrance-": ["sin vida", "apagada", "apagado", "opaca", "opaco", "sosa"],
    "warmth+": ["cálida", "cálido", "calidez", "cálidos", "dorada", "dorado", "tonos cálidos"],
    "warmth-": ["fría", "frío", "fríos", "tonos fríos", "azulada", "azulado"],
    "sharpness+": ["nítida", "nítido", "nitidez", "definida", "definido", "definición", "enfocada", "enfocado",
                   "más detalle", "detalle"],
    "sharpness-": ["borrosa", "borroso", "desenfocada", "desenfocado", "difuminada", "difuminado",
                   "fuera de foco", "movida", "desenfoque"],
    "smoothness+": ["suave", "más suave", "lisa", "sedosa"],
    "noise+": ["ruido", "ruidosa", "ruidoso", "grano", "granulada", "granulado", "con grano"],
    "clutter+": ["recargado", "recargada", "desordenado", "desordenada", "caótico", "caótica", "abarrotado",
                 "lleno de cosas"],
}
AXIS_VERBS = {
    "brightness+": ["aclarar", "aclara", "aclárala", "acláralo", "iluminar", "ilumina", "ilumínala", "abrillantar",
                    "dale más luz", "dar más luz"],
    "brightness-": ["oscurecer", "oscurece", "oscurécela", "oscurécelo"],
    "saturation+": ["saturar", "satura"],
    "saturation-": ["desaturar", "desatura", "desatúrala"],
    "warmth+": ["calentar", "calienta"],
    "warmth-": ["enfriar", "enfría"],
    "sharpness+": ["enfocar", "enfoca", "enfócala", "afinar", "afina", "dar nitidez", "dale nitidez"],
    "sharpness-": ["desenfocar", "desenfoca", "desenfócalo", "desenfócala", "difuminar", "difumina", "emborronar"],
    "smoothness+": ["suavizar", "suaviza", "suavízala"],
}
CLEAN = ["limpio", "limpia", "limpios", "más limpio", "liso", "simple", "sencillo", "sencilla", "minimalista",
         "ordenado", "ordenada", "neutro", "neutra", "uniforme", "sólido", "puro", "pura"]

TARGETS = {
    "background": ["fondo", "fondos", "trasfondo", "detrás de mí", "detrás de él", "detrás de ella",
                   "lo de atrás", "segundo plano", "entorno", "lo que hay detrás"],
    "subject": ["sujeto", "persona", "personas", "gente", "cara", "rostro", "piel", "modelo", "producto",
                "artículo", "objeto", "hombre", "mujer", "chico", "chica", "niño", "niña", "bebé", "perro", "gato",
                "mascota", "animal", "coche", "carro", "auto", "botella", "zapato", "zapatos", "bolso", "reloj",
                "taza", "anillo", "flor", "comida", "plato", "primer plano", "protagonista", "mi cara"],
    "pronoun": ["ella", "ellos", "ellas", "yo", "nosotros"],
    "image": ["foto", "fotografía", "imagen", "fotito", "esta foto", "esta imagen", "la foto", "la imagen", "lo",
              "selfi", "selfie"],
}
VERBS = {
    "remove": ["quitar", "quita", "quítale", "quítalo", "quítala", "eliminar", "elimina", "elimínalo",
               "elimínale", "borrar", "borra", "bórralo", "bórrale", "borre", "sacar", "saca", "sácale", "suprimir",
               "suprime", "sin", "fuera", "remover", "remueve", "retirar", "retira", "desaparecer",
               "desaparece"],
    "make": ["hacer", "haz", "hazla", "hazlo", "haga", "convertir", "convierte", "conviértela", "conviértelo",
             "pasar a", "pasa a", "pásala a", "déjala", "déjalo", "dejar", "guardar", "guarda", "guárdala",
             "guárdalo", "exportar", "exporta", "necesito", "quiero", "quisiera", "volver", "vuélvela",
             "transforma en", "transfórmala en", "conviértela en"],
    "keep": ["mantén", "manten", "mantener", "mantenga", "conserva", "conservar", "conserve", "respeta",
             "no toques", "sin tocar", "deja intacto", "deja intacta", "preserva", "deja igual"],
    "isolate": ["aislar", "aísla", "aíslalo", "aíslala", "extraer", "extrae", "separar", "separa", "deja solo",
                "deja solamente", "quédate solo con", "recorta el sujeto", "recorta la persona",
                "recorta el producto", "recortar el producto", "recortar la persona", "recorta el objeto",
                "recórtame"],
    "change": ["cambiar", "cambia", "cámbiale", "reemplazar", "reemplaza", "sustituir", "sustituye",
               "intercambiar", "intercambia", "transformar", "transforma"],
    "add": ["añadir", "añade", "añádele", "agregar", "agrega", "agrégale", "aplicar", "aplica", "aplícale", "dale",
            "dar", "incluir", "incluye", "insertar", "inserta", "meter", "mete", "ponle"],
    "put": ["poner", "pon", "ponla", "ponlo", "ponme", "colocar", "coloca", "colócalo", "colócala", "situar",
            "sitúa"],
    "create": ["dibujar", "dibuja", "pintar", "pinta", "escribir", "escribe", "generar", "genera", "crear", "crea",
               "imaginar", "imagina", "inventar", "inventa"],
}
MODIFIERS = {
    "more": ["más", "aumentar", "aumenta", "auméntale", "subir", "sube", "súbele", "incrementar", "incrementa",
             "potenciar", "potencia", "realzar", "realza", "intensificar", "intensifica", "le falta", "falta",
             "extra", "mayor"],
    "less": ["menos", "reducir", "reduce", "redúcele", "disminuir", "disminuye", "bajar", "baja", "bájale",
             "corregir", "corrige", "menor", "rebajar", "rebaja"],
    "too": ["demasiado", "demasiada", "excesivamente", "muy muy"],
    "too_after": ["de más", "en exceso"],
    "not": ["no", "nada", "ni"],
    "enough": ["suficiente", "suficientemente", "lo suficiente"],
    "is": ["está", "esta", "es", "son", "están", "se ve", "se ven", "parece", "queda", "quedó", "salió",
           "me parece", "la veo", "lo veo", "salió muy"],
    "on": ["sobre", "encima de", "contra", "en un", "en una"],
    "with": ["con", "por"],
}
STRENGTHS = {
    "max": ["al máximo", "máximo", "máxima", "totalmente", "completamente", "muchísimo", "súper",
            "extremadamente", "lo más posible", "a tope"],
    "strong": ["mucho", "mucha", "muy", "bastante", "fuerte", "intenso", "intensa", "notablemente",
               "considerablemente"],
    "light": ["un poco", "un poquito", "poquito", "ligeramente", "ligero", "ligera", "levemente", "leve",
              "sutil", "sutilmente", "un toque", "un pelín", "algo", "apenas", "un tanto"],
}
SCOPE = {
    "except": ["excepto", "salvo", "todo menos", "menos el", "menos la", "menos los", "menos las", "menos al", "a excepción de", "pero no", "sin incluir", "menos a",
               "todo salvo", "todo excepto"],
    "only": ["solo", "sólo", "solamente", "únicamente", "nada más", "solo el", "solo la", "solo al", "solo a"],
    "all": ["todo", "toda", "todo el resto", "el resto", "resto", "lo demás", "todo lo demás", "entera", "entero",
            "toda la imagen", "toda la foto"],
    "but": ["pero", "aunque", "sin embargo", "mientras"],
}
DIRECTIONS = {
    "left": ["izquierda", "a la izquierda", "hacia la izquierda", "antihorario", "en sentido antihorario",
             "sentido antihorario", "contrario a las agujas del reloj", "en sentido contrario a las agujas del reloj"],
    "right": ["derecha", "a la derecha", "hacia la derecha", "horario", "en sentido horario", "sentido horario",
              "en el sentido de las agujas del reloj"],
    "horizontal": ["horizontal", "horizontalmente", "de izquierda a derecha", "lateralmente"],
    "vertical": ["vertical", "verticalmente", "de arriba a abajo", "de arriba abajo"],
}
UNITS = {
    "degrees": ["grados", "grado"],
    "pixels": ["píxeles", "pixeles", "píxel"],
    "percent": ["por ciento", "porciento"],
    "times": ["veces"],
    "width": ["de ancho", "ancho", "anchura"],
    "height": ["de alto", "alto", "altura"],
    "long_side": ["lado largo", "lado más largo"],
    "margin": ["margen", "márgenes", "borde", "espacio alrededor"],
    "pad": ["sin recortar", "encajar", "que quepa", "con bandas", "rellenar"],
}
RATIOS = {"9:16": ["historia", "historias"], "4:5": ["retrato"], "16:9": ["apaisado", "apaisada"]}
COLORS = {
    "white": ["blanco", "blanca", "blancos", "blancas"], "black": ["negro", "negra"], "gray": ["gris", "grises"],
    "lightgray": ["gris claro"], "darkgray": ["gris oscuro"], "red": ["rojo", "roja"], "green": ["verde"],
    "blue": ["azul"], "navy": ["azul marino"], "lightblue": ["azul claro", "celeste"], "skyblue": ["azul cielo"],
    "yellow": ["amarillo", "amarilla"], "orange": ["naranja", "anaranjado"],
    "pink": ["rosa", "rosado", "rosada"], "purple": ["morado", "morada", "púrpura"], "violet": ["lila", "violeta"],
    "brown": ["marrón", "café"], "beige": ["beis"], "cream": ["crema"], "off white": ["blanco roto", "hueso"],
    "silver": ["plateado", "plata"], "turquoise": ["turquesa"], "teal": ["verde azulado"],
}
SIZES = {
    "instagram_square": ["cuadrado de instagram", "post de instagram", "publicación de instagram",
                         "instagram cuadrado"],
    "instagram_portrait": ["retrato de instagram", "instagram vertical", "instagram retrato"],
    "instagram_story": ["historia de instagram", "historias de instagram", "story de instagram"],
    "passport": ["foto de pasaporte", "pasaporte", "foto carnet", "foto de carnet", "tamaño carnet", "dni"],
}
FILLER = """por favor porfa porfavor xfa gracias muchas hola buenas buenos dias oye puedes podrías podrias puede
    podría me gustaría gustaría necesito necesita la necesito lo necesito mi mis tienda online web página cliente
    clientes jefe ahora ya rápido rapido urgente hoy mañana vale ok bueno de del a al en que se le me te nos
    igual como tal cual intacto intacta color colores tono tonos efecto estilo look versión aspecto favor ayuda
    anuncio publicación perfil catálogo instagram facebook redes sociales presentación boda evento trabajo
    proyecto venta vender amazon ebay etsy tengo tiene hay esto eso algo cosa cosas saludos antemano un una unos
    unas el la los las poco toque quede quedar sea ser estar así asi tal cual favorcito porfis gracias mil
    perfecto genial bien está está bien original natural""".split()
DETERMINERS = ["el", "la", "los", "las", "un", "una", "unos", "unas", "mi", "mis", "tu", "tus", "su", "sus",
               "este", "estos", "estas", "ese", "esa", "esos", "esas", "del", "al"]
CONTEXT = ["para", "de", "por", "en", "desde", "porque", "como"]
THINGS = """cielo nube nubes sol luna estrella estrellas arcoíris mar océano agua playa montaña montañas árbol
    árboles césped hierba pared suelo mesa ventana puerta edificio casa calle camisa camiseta vestido ropa chaqueta
    sombrero gorra gafas lentes pelo cabello ojos ojo labios boca dientes nariz barba tatuaje maquillaje bandera
    letrero cartel texto logo logotipo nombre palabras letras fecha cables basura turistas extraño desconocido
    desconocidos corona alas fuego nieve lluvia niebla humo extraterrestre robot zombi superhéroe fantasma globo
    globos mano manos brazo cuerpo cabeza arrugas reflejo reflejos mueble muebles sofá cama granito espinillas
    acné""".split()
GENERATIVE = ["más joven", "joven", "rejuvenecer", "rejuvenece", "rejuvenéceme", "más viejo", "más vieja",
              "más delgado", "más delgada", "más flaco", "más flaca", "adelgazar", "adelgázame", "más alto",
              "más alta", "más musculoso", "calvo", "rubio", "rubia", "sonrisa", "sonreír", "sonriendo",
              "más guapo", "más guapa", "intercambio de caras", "cambio de cara", "desnudo", "desnuda",
              "edad", "género", "dragón", "unicornio", "marca de agua", "ojos rojos", "nave espacial"]
AND = ["y", "e", "luego", "después", "y luego", "y después", "además", "también", "y también", "por último",
       "finalmente", "tras eso"]

MESSAGES = {
    "empty": "El prompt está vacío.",
    "not_understood": "No entiendo «{part}».",
    "did_you_mean": "¿Quisiste decir «{suggestion}»?",
    "generative": "No puedo hacer «{part}»: añadir, quitar o cambiar contenido necesita un modelo generativo.",
    "scope": "No puedo aislar «{part}»: solo distingo el sujeto principal del fondo.",
    "no_edit": "No encuentro en ese prompt ninguna edición que pueda hacer.",
    "cannot_add": "Añadir {what} no es algo que pueda hacer.",
    "cannot_region": "No puedo aplicar {op} solo al {region}.",
    "resize_range": "El tamaño {size} px está fuera de rango: cada lado debe medir entre {low} y {high} px.",
    "upscale_range": "Ampliar {factor} está fuera de rango: pide hasta ×4 (o un tamaño de hasta {high} px).",
    "margin_range": "Un margen del {percent} % está fuera de rango: pide entre 0 y 25 % por lado.",
    "resize_size": "Indica el tamaño: 1080x1080, 800 px de ancho, 1024 px o 50 %.",
    "passport": "Las fotos de pasaporte o carnet tienen normas de cada país que no puedo garantizar: pide un tamaño exacto (p. ej. 600x600).",
    "pixels_only": "Solo puedo editar los píxeles que ya están.",
    "capabilities": "Puedo: fondo: limpio y luminoso, blanco o de cualquier color (nombres, #hex, rgb()), quitarlo "
                    "(transparente), desenfocarlo (modo retrato), oscurecerlo, aclararlo o quitarle color; solo el "
                    "sujeto o todo excepto el sujeto; imagen entera: brillo, contraste, exposición, saturación, "
                    "viveza, más cálida o más fría, blanco y negro, sepia, vintage, nitidez, desenfoque, quitar "
                    "ruido, viñeta, mejora automática, dibujo a lápiz, dibujo animado; geometría: girar cualquier "
                    "ángulo, enderezar el horizonte, voltear, recortar en cuadrado, 16:9 o 4:5, ampliar ×2–×4 o a "
                    "4K, tamaño exacto (1080x1080, 800 px de ancho, Instagram, HD, Full HD, 4K); foto de producto "
                    "(centrado en lienzo blanco cuadrado); sombra paralela o suave; guardar en png, jpg o webp.",
}
EXAMPLES = {
    "background_clean": "deja el fondo limpio y luminoso",
    "background_color": "pon el fondo blanco",
    "background_remove": "quita el fondo",
    "background_blur": "desenfoca el fondo",
    "background_darken": "oscurece el fondo",
    "background_desaturate": "fondo en blanco y negro",
    "brightness": "hazla más luminosa",
    "exposure": "aumenta la exposición",
    "contrast": "más contraste",
    "saturation": "colores más saturados",
    "vibrance": "colores más vibrantes",
    "warmth": "más cálida",
    "grayscale": "en blanco y negro",
    "sepia": "tono sepia",
    "vintage": "estilo vintage",
    "vignette": "añade una viñeta",
    "auto_enhance": "mejora la foto",
    "sharpen": "más nítida",
    "blur": "desenfócala",
    "denoise": "quita el ruido",
    "pencil_sketch": "conviértela en un dibujo a lápiz",
    "cartoon": "estilo dibujo animado",
    "rotate": "gira 90 grados a la derecha",
    "straighten": "endereza el horizonte",
    "flip": "voltea horizontalmente",
    "crop": "recorta en cuadrado",
    "upscale": "amplía al doble",
    "resize": "cambia el tamaño a 1080x1080",
    "product_frame": "foto de producto con fondo blanco",
    "shadow": "añade una sombra paralela",
    "output_format": "guárdala en png",
    "region": "desenfoca todo excepto el sujeto",
}
