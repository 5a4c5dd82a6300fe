"""Português."""

CODE = "pt"
NAME = "Português"

OPS = {
    "grayscale": ["preto e branco", "em preto e branco", "p b", "pb", "escala de cinza", "tons de cinza",
                  "em tons de cinza", "monocromático", "monocromática", "sem cor", "preto branco"],
    "sepia": ["sépia", "tom sépia", "em sépia"],
    "vintage": ["vintage", "retrô", "retro", "antiga", "antigo", "foto antiga", "envelhecida", "envelhecido",
                "efeito antigo", "analógico", "analógica", "efeito filme", "nostálgico", "anos 70"],
    "vignette": ["vinheta", "vinhetagem", "cantos escuros", "escurecer os cantos"],
    "pencil_sketch": ["esboço", "desenho a lápis", "a lápis", "lápis", "desenho", "rascunho", "carvão"],
    "cartoon": ["desenho animado", "cartoon", "quadrinhos", "estilo quadrinhos", "banda desenhada", "anime",
                "caricatura"],
    "denoise": ["remover ruído", "remova o ruído", "tire o ruído", "tirar o ruído", "reduzir ruído",
                "reduza o ruído", "reduzir o ruído", "sem ruído", "redução de ruído", "tirar o granulado"],
    "auto_enhance": ["melhorar", "melhore", "melhora", "melhorar a foto", "melhore a foto", "melhoria automática",
                     "otimizar", "otimize", "balanço de branco", "corrigir as cores", "corrija as cores",
                     "retocar", "retoque", "ajustar", "ajuste", "deixar mais bonita", "mais bonita", "mais bonito",
                     "mais profissional", "melhor"],
    "background_blur": ["bokeh", "modo retrato", "efeito retrato", "profundidade de campo"],
    "background_remove": ["transparente", "transparência", "sem fundo", "fundo transparente", "recortar o fundo",
                          "recorte de fundo"],
    "background_clean": ["estúdio", "fundo de estúdio", "estilo estúdio", "organizar o fundo", "desentulhar"],
    "straighten": ["endireitar", "endireite", "endireita", "endireitar o horizonte", "endireite o horizonte",
                   "nivelar o horizonte", "nivele o horizonte", "horizonte reto", "deixar reto", "deixe reta",
                   "torta", "torto", "inclinada", "inclinado", "corrigir a inclinação", "corrija a inclinação",
                   "alinhar o horizonte"],
    "product_frame": ["foto de produto", "foto do produto", "imagem de produto", "packshot", "foto de catálogo",
                      "estilo catálogo", "foto para ecommerce", "foto para loja online", "foto para amazon",
                      "centralizar o produto", "centralize o produto", "centralizado", "centralizada", "no centro"],
    "upscale": ["ampliar", "amplie", "amplia", "aumentar a resolução", "aumente a resolução", "mais resolução",
                "alta resolução", "maior resolução", "dobrar o tamanho", "dobre o tamanho",
                "o dobro", "upscale"],
    "crop": ["recortar", "recorte", "recorta", "cortar", "corte", "enquadrar", "enquadre"],
    "crop.1:1": ["quadrado", "quadrada", "formato quadrado"],
    "crop.16:9": ["panorâmico", "panorâmica", "widescreen"],
    "resize": ["redimensionar", "redimensione", "redimensiona", "mudar o tamanho", "mude o tamanho",
               "alterar o tamanho", "altere o tamanho", "tamanho"],
    "resize.half": ["menor", "mais pequena", "mais pequeno", "diminuir o tamanho", "diminua o tamanho",
                    "reduzir o tamanho", "reduza o tamanho", "encolher", "metade do tamanho"],
    "rotate": ["girar", "gire", "gira", "rotacionar", "rotacione", "rodar", "rode", "virar"],
    "rotate.180": ["de cabeça para baixo", "cabeça para baixo", "ponta cabeça", "meia volta"],
    "flip": ["espelhar", "espelhe", "espelha", "espelho", "efeito espelho", "inverter", "inverta", "refletir",
             "reflita"],
    "shadow": ["sombra", "sombras", "sombra suave", "sombra natural", "sombra de contato", "sombra embaixo"],
    "background_image": ["este fundo", "esse fundo", "o fundo anexado", "o fundo enviado", "o novo fundo",
                         "esta imagem de fundo", "com esta imagem", "com a imagem anexada",
                         "esta imagem como fundo", "usa este fundo"],
    "shadow.drop": ["sombra projetada", "sombra dura", "sombra longa", "drop shadow"],
}

AXES = {
    "brightness+": ["brilhante", "brilho", "luminosa", "luminoso", "luminosidade", "clara", "claro",
                    "mais clara", "mais claro", "luz", "mais luz", "iluminada", "iluminado"],
    "brightness-": ["escura", "escuro", "escuras", "sombria", "sombrio", "apagada escura"],
    "exposure+": ["exposição", "superexposta", "superexposto"],
    "exposure-": ["subexposta", "subexposto"],
    "contrast+": ["contraste", "contrastada", "contrastado", "dramática", "dramático"],
    "contrast-": ["lavada", "lavado", "chapada", "sem contraste", "desbotada"],
    "saturation+": ["saturada", "saturado", "saturação", "colorida", "colorido", "cores vivas", "mais cor",
                    "cores mais vivas", "cores intensas", "vívida"],
    "saturation-": ["dessaturada", "dessaturado", "cores apagadas", "menos cor", "cores suaves", "descolorida"],
    "vibrance+": ["vibrante", "vibrantes", "vivacidade", "mais vida", "realçar as cores", "cores vibrantes"],
    "vibrance-": ["sem vida", "apagada", "apagado", "opaca", "opaco", "sem graça"],
    "warmth+": ["quente", "quentes", "mais quente", "calor", "tons quentes", "dourada", "dourado"],
    "warmth-": ["fria", "frio", "mais fria", "tons frios", "azulada", "azulado"],
    "sharpness+": ["nítida", "nítido", "nitidez", "definida", "definido", "definição", "focada", "focado",
                   "mais detalhe", "detalhes"],
    "sharpness-": ["desfocada", "desfocado", "borrada", "borrado", "embaçada", "embaçado", "tremida", "tremido",
                   "fora de foco", "desfoque"],
    "smoothness+": ["suave", "mais suave", "lisa", "liso", "sedosa"],
    "noise+": ["ruído", "ruidosa", "ruidoso", "granulado", "granulada", "grão", "com grão"],
    "clutter+": ["poluído", "poluída", "bagunçado", "bagunçada", "carregado", "carregada", "caótico", "cheio de coisas"],
}
AXIS_VERBS = {
    "brightness+": ["clarear", "clareie", "clareia", "iluminar", "ilumine", "ilumina", "deixar mais clara"],
    "brightness-": ["escurecer", "escureça", "escurece"],
    "saturation+": ["saturar", "sature"],
    "saturation-": ["dessaturar", "dessature"],
    "warmth+": ["aquecer", "aqueça"],
    "warmth-": ["esfriar", "esfrie"],
    "sharpness+": ["focar", "foque", "dar nitidez", "aumentar a nitidez", "aumente a nitidez"],
    "sharpness-": ["desfocar", "desfoque", "desfoca", "embaçar", "embace", "desfocar o"],
    "smoothness+": ["suavizar", "suavize", "suaviza", "alisar"],
}
CLEAN = ["limpo", "limpa", "mais limpo", "liso", "simples", "neutro", "neutra", "minimalista", "organizado",
         "organizada", "uniforme", "sólido", "puro", "pura"]

TARGETS = {
    "background": ["fundo", "o fundo", "fundos", "atrás de mim", "atrás dele", "atrás dela", "plano de fundo",
                   "cenário", "segundo plano", "ambiente"],
    "subject": ["sujeito", "pessoa", "pessoas", "gente", "rosto", "cara", "pele", "modelo", "produto", "artigo",
                "objeto", "homem", "mulher", "menino", "menina", "criança", "bebê", "cachorro", "cão", "gato",
                "animal", "carro", "garrafa", "sapato", "sapatos", "bolsa", "relógio", "xícara", "caneca", "anel",
                "flor", "comida", "prato", "primeiro plano", "meu rosto"],
    "pronoun": ["mim", "ele", "ela", "eles", "elas", "nós", "eu"],
    "image": ["foto", "fotografia", "imagem", "a foto", "a imagem", "esta foto", "essa foto", "esta imagem",
              "inteira", "selfie"],
}
VERBS = {
    "remove": ["remover", "remova", "remove", "tirar", "tire", "tira", "apagar", "apague", "apaga", "eliminar",
               "elimine", "elimina", "excluir", "exclua", "retirar", "retire", "sem", "fora", "some com",
               "sumir com", "deletar", "delete"],
    "make": ["deixar", "deixe", "deixa", "deixe a", "faça", "fazer", "faz", "converter", "converta", "converte",
             "transformar em", "transforme em", "transforma em", "passar para", "passe para", "salvar", "salve",
             "salva", "exportar", "exporte", "quero", "queria", "preciso", "gostaria", "tornar", "torne"],
    "keep": ["mantenha", "manter", "mantém", "conserve", "conservar", "preserve", "preservar", "não mexa",
             "sem mexer", "deixe intacto", "deixe intacta", "deixa como está"],
    "isolate": ["isolar", "isole", "isola", "extrair", "extraia", "separar", "separe", "deixe só",
                "deixe apenas", "fique só com", "recorte o produto", "recortar o produto", "recorte a pessoa",
                "recortar a pessoa", "recorte o objeto"],
    "change": ["mudar", "mude", "muda", "trocar", "troque", "troca", "substituir", "substitua", "substitui",
               "transformar", "transforme", "alterar", "altere", "modificar", "modifique"],
    "add": ["adicionar", "adicione", "adiciona", "acrescentar", "acrescente", "aplicar", "aplique", "aplica",
            "dar", "inserir", "insira", "incluir", "inclua", "põe um", "põe uma", "coloque um",
            "coloque uma"],
    "put": ["colocar", "coloque", "coloca", "põe", "ponha", "posicionar", "posicione"],
    "create": ["desenhar", "desenhe", "pintar", "pinte", "escrever", "escreva", "gerar", "gere", "criar", "crie",
               "imaginar", "imagine", "inventar", "invente"],
}
MODIFIERS = {
    "more": ["mais", "aumentar o", "aumente", "aumenta", "subir", "suba", "realçar", "realce", "intensificar",
             "intensifique", "reforçar", "reforce", "falta", "extra", "maior"],
    "less": ["menos", "reduzir", "reduza", "reduz", "diminuir", "diminua", "diminui", "baixar", "baixe", "abaixar",
             "abaixe", "atenuar", "atenue", "corrigir", "corrija", "corrige"],
    "too": ["muito muito", "demasiado", "demasiada", "excessivamente", "exageradamente"],
    "too_after": ["demais", "de mais", "em excesso"],
    "not": ["não", "nada", "nem", "nenhum", "nenhuma", "nunca"],
    "enough": ["suficiente", "suficientemente", "o suficiente"],
    "is": ["é", "está", "estão", "são", "parece", "parecem", "ficou", "saiu", "tá", "ta", "acho"],
    "on": ["sobre", "em cima de", "num", "numa", "em um", "em uma", "em"],
    "with": ["com", "por"],
}
STRENGTHS = {
    "max": ["ao máximo", "máximo", "máxima", "totalmente", "completamente", "extremamente", "o máximo possível",
            "super"],
    "strong": ["muito", "bastante", "forte", "fortemente", "bem", "bem mais", "consideravelmente", "intenso",
               "intensa", "bastante mais"],
    "light": ["um pouco", "um pouquinho", "pouquinho", "levemente", "ligeiramente", "leve", "sutil",
              "sutilmente", "um toque", "de leve", "discreto", "discreta", "delicado", "delicada"],
}
SCOPE = {
    "except": ["exceto", "menos o", "menos a", "tudo menos", "a não ser", "salvo", "com exceção de", "fora o",
               "fora a", "mas não"],
    "only": ["só", "somente", "apenas", "unicamente", "só o", "só a", "apenas o", "apenas a"],
    "all": ["tudo", "toda", "todo", "todo o resto", "o resto", "resto", "o restante", "restante", "tudo mais",
            "toda a foto", "toda a imagem"],
    "but": ["porém", "contudo", "enquanto", "entretanto"],
}
DIRECTIONS = {
    "left": ["esquerda", "à esquerda", "para a esquerda", "para esquerda", "anti horário", "sentido anti horário",
             "no sentido anti horário"],
    "right": ["direita", "à direita", "para a direita", "para direita", "horário", "sentido horário",
              "no sentido horário"],
    "horizontal": ["horizontal", "horizontalmente", "da esquerda para a direita"],
    "vertical": ["vertical", "verticalmente", "de cima para baixo"],
}
UNITS = {
    "degrees": ["graus", "grau"],
    "pixels": ["pixels", "pixel", "píxeis"],
    "percent": ["por cento", "porcento"],
    "times": ["vezes"],
    "width": ["de largura", "largura"],
    "height": ["de altura", "altura"],
    "long_side": ["lado maior", "lado mais longo"],
    "margin": ["margem", "margens", "borda", "espaço em volta"],
    "pad": ["sem cortar", "sem recortar", "encaixar", "com faixas", "preencher"],
}
RATIOS = {"9:16": ["story", "stories", "reels"], "4:5": ["retrato"], "16:9": ["paisagem"]}
COLORS = {
    "white": ["branco", "branca", "brancos"], "black": ["preto", "preta", "negro"], "gray": ["cinza", "cinzento"],
    "lightgray": ["cinza claro"], "darkgray": ["cinza escuro"], "red": ["vermelho", "vermelha"],
    "green": ["verde"], "blue": ["azul"], "navy": ["azul marinho"], "lightblue": ["azul claro"],
    "skyblue": ["azul celeste"], "yellow": ["amarelo", "amarela"], "orange": ["laranja", "alaranjado"],
    "pink": ["rosa", "rosado"], "purple": ["roxo", "roxa", "púrpura"], "violet": ["lilás", "violeta"],
    "brown": ["marrom", "castanho"], "beige": ["bege"], "cream": ["creme"], "off white": ["branco gelo", "off white"],
    "silver": ["prata", "prateado"], "turquoise": ["turquesa"],
}
SIZES = {
    "instagram_square": ["quadrado do instagram", "post do instagram", "post para instagram", "feed do instagram"],
    "instagram_portrait": ["retrato do instagram", "instagram vertical"],
    "instagram_story": ["story do instagram", "stories do instagram", "story para instagram"],
    "passport": ["foto 3x4", "3x4", "foto de passaporte", "passaporte", "foto para documento", "foto de documento"],
}
FILLER = """por favor pfv pf obrigado obrigada valeu olá oi bom dia boa tarde você voce pode poderia podia
    consegue preciso dela disso para pra minha meu meus minhas loja site cliente clientes chefe agora já
    rápido urgente hoje amanhã ok beleza tá bom um uma uns umas o a os as de do da dos das no na nos nas ao à
    e que se me te lhe cor cores tom tons efeito estilo look versão aspecto instagram facebook apresentação
    casamento projeto venda amazon mercado livre shopee ebay etsy algo coisa coisas natural original igual
    assim como está jeito""".split()
DETERMINERS = ["o", "a", "os", "as", "um", "uma", "uns", "umas", "meu", "minha", "meus", "minhas", "seu", "sua",
               "este", "esta", "esse", "essa", "do", "da", "no", "na"]
CONTEXT = ["para", "pra", "de", "do", "da", "por", "porque", "como"]
THINGS = """céu nuvem nuvens sol lua estrela estrelas arcoiris mar oceano água praia montanha montanhas árvore
    árvores grama parede chão mesa janela porta prédio casa rua camisa camiseta vestido roupa roupas jaqueta
    chapéu boné óculos cabelo olhos olho lábios boca dentes nariz barba tatuagem maquiagem bandeira placa texto
    logo logotipo nome palavras letras data fios cabos lixo turistas estranho desconhecido
    desconhecidos dragão unicórnio coroa asas fogo neve chuva neblina fumaça nave alienígena robô zumbi
    superherói fantasma balão balões mão mãos braço corpo cabeça rugas espinhas reflexo reflexos móveis sofá
    cama""".split()
GENERATIVE = ["mais jovem", "mais novo", "mais nova", "rejuvenescer", "rejuvenesça", "mais velho", "mais velha",
              "mais magro", "mais magra", "emagrecer", "mais alto", "mais musculoso", "careca", "loiro", "loira",
              "sorriso", "sorrir", "sorrindo", "troca de rosto", "trocar o rosto", "nu", "nua", "despir", "idade",
              "gênero", "dragão", "unicórnio", "olhos vermelhos"]
AND = ["e", "depois", "então", "e depois", "também", "além disso", "e também", "por fim", "finalmente", "em seguida"]

MESSAGES = {
    "empty": "O prompt está vazio.",
    "not_understood": "Não entendi “{part}”.",
    "did_you_mean": "Você quis dizer “{suggestion}”?",
    "generative": "Não consigo fazer “{part}”: adicionar, remover ou mudar conteúdo precisa de um modelo generativo.",
    "scope": "Não consigo isolar “{part}”: só distingo o assunto principal do fundo.",
    "no_edit": "Não encontrei nesse prompt nenhuma edição que eu consiga fazer.",
    "cannot_add": "Adicionar {what} não é algo que eu consiga fazer.",
    "cannot_region": "Não consigo aplicar {op} só ao {region}.",
    "resize_range": "O tamanho {size} px está fora do intervalo: cada lado deve ter de {low} a {high} px.",
    "upscale_range": "Ampliar {factor} está fora do intervalo: até ×4 (ou um tamanho até {high} px).",
    "margin_range": "Uma margem de {percent}% está fora do intervalo: de 0 a 25% por lado.",
    "resize_size": "Diga o tamanho: 1080x1080, 800 px de largura, 1024 px ou 50%.",
    "passport": "Fotos de passaporte e documento seguem regras de cada país que não posso garantir: peça um tamanho exato (ex. 600x600).",
    "pixels_only": "Só consigo editar os pixels que já existem.",
    "capabilities": "Eu consigo: fundo: limpo e claro, branco ou qualquer cor (nomes, #hex, rgb()), removê-lo "
                    "(transparente), desfocá-lo (modo retrato), escurecê-lo, clareá-lo ou tirar a cor; só o assunto "
                    "ou tudo menos o assunto; imagem inteira: brilho, contraste, exposição, saturação, vivacidade, "
                    "mais quente/mais fria, preto e branco, sépia, vintage, nitidez, desfoque, redução de ruído, "
                    "vinheta, melhoria automática, desenho a lápis, desenho animado; geometria: girar em qualquer "
                    "ângulo, endireitar o horizonte, espelhar, recortar quadrado, 16:9 ou 4:5, ampliar ×2–×4 ou "
                    "para 4K, tamanho exato (1080x1080, 800 px de largura, Instagram, HD, Full HD, 4K); foto de "
                    "produto (centralizado em tela branca quadrada); sombra projetada ou suave; salvar em png, jpg "
                    "ou webp.",
}
EXAMPLES = {
    "background_clean": "fundo limpo e claro",
    "background_color": "fundo branco",
    "background_remove": "remova o fundo",
    "background_blur": "desfoque o fundo",
    "background_darken": "escureça o fundo",
    "background_desaturate": "fundo em preto e branco",
    "brightness": "deixe a foto mais clara",
    "exposure": "aumente a exposição",
    "contrast": "mais contraste",
    "saturation": "cores mais saturadas",
    "vibrance": "cores mais vibrantes",
    "warmth": "mais quente",
    "grayscale": "em preto e branco",
    "sepia": "tom sépia",
    "vintage": "efeito vintage",
    "vignette": "adicione uma vinheta",
    "auto_enhance": "melhore a foto",
    "sharpen": "mais nítida",
    "blur": "desfoque a foto",
    "denoise": "remova o ruído",
    "pencil_sketch": "transforme em desenho a lápis",
    "cartoon": "estilo desenho animado",
    "rotate": "gire 90 graus para a direita",
    "straighten": "endireite o horizonte",
    "flip": "espelhe horizontalmente",
    "crop": "recorte quadrado",
    "upscale": "amplie 2x",
    "resize": "redimensione para 1080x1080",
    "product_frame": "foto de produto com fundo branco",
    "shadow": "adicione uma sombra projetada",
    "output_format": "salve em png",
    "region": "desfoque tudo menos o assunto",
}
