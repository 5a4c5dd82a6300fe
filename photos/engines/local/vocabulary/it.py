"""Italiano."""

CODE = "it"
NAME = "Italiano"

OPS = {
    "grayscale": ["bianco e nero", "in bianco e nero", "b n", "bn", "scala di grigi", "in scala di grigi",
                  "monocromatico", "monocromatica", "monocromo", "senza colore", "bianco nero"],
    "sepia": ["seppia", "tono seppia", "color seppia", "sepia"],
    "vintage": ["vintage", "retrò", "retro", "anticato", "anticata", "vecchia foto", "effetto vecchio", "d epoca",
                "analogico", "effetto pellicola", "nostalgico", "anni 70", "invecchiata", "invecchiato"],
    "vignette": ["vignettatura", "vignetta", "vignette", "angoli scuri", "scurisci gli angoli"],
    "pencil_sketch": ["schizzo", "disegno a matita", "a matita", "matita", "disegno", "bozzetto", "carboncino"],
    "cartoon": ["cartone animato", "cartoni animati", "fumetto", "stile fumetto", "cartoon", "anime"],
    "denoise": ["riduci il rumore", "ridurre il rumore", "togli il rumore", "rimuovi il rumore", "senza rumore",
                "riduzione del rumore", "elimina il rumore", "togli la grana", "denoise"],
    "auto_enhance": ["migliora", "migliorare", "migliorala", "miglioralo", "migliora la foto",
                     "miglioramento automatico", "ottimizza", "ottimizzare", "bilanciamento del bianco",
                     "correggi i colori", "correzione colore", "ritocca", "ritoccare", "ritocco", "sistema",
                     "sistemala", "sistemare", "più bella", "più bello", "più professionale", "meglio"],
    "background_blur": ["bokeh", "modalità ritratto", "effetto ritratto", "profondità di campo"],
    "background_remove": ["trasparente", "trasparenza", "scontorna", "scontornare", "scontornala", "scontorno",
                          "senza sfondo", "sfondo trasparente", "ritaglia il soggetto", "ritagliare il soggetto"],
    "background_clean": ["studio", "sfondo da studio", "effetto studio", "fai ordine", "sgombra", "riordina"],
    "straighten": ["raddrizza", "raddrizzare", "raddrizzala", "raddrizzalo", "raddrizza l orizzonte",
                   "orizzonte dritto", "metti dritto", "metti dritta", "storta", "storto", "inclinata",
                   "inclinato", "correggi l inclinazione", "livella l orizzonte", "allinea l orizzonte"],
    "product_frame": ["foto prodotto", "foto del prodotto", "foto di prodotto", "immagine prodotto", "packshot",
                      "foto da catalogo", "stile catalogo", "foto per ecommerce", "foto per negozio online",
                      "foto per amazon", "centra il prodotto", "centrare il prodotto", "centrato", "centrata",
                      "al centro"],
    "upscale": ["ingrandisci", "ingrandire", "ingrandiscila", "aumenta la risoluzione", "aumentare la risoluzione",
                "più risoluzione", "alta risoluzione", "risoluzione maggiore", "più grande", "raddoppia",
                "raddoppia le dimensioni", "doppia dimensione", "upscale"],
    "crop": ["ritaglia", "ritagliare", "ritagliala", "ritaglialo", "taglia", "tagliare", "croppa"],
    "crop.1:1": ["quadrato", "quadrata", "formato quadrato"],
    "crop.16:9": ["panoramico", "panoramica", "widescreen"],
    "resize": ["ridimensiona", "ridimensionare", "ridimensionala", "cambia dimensione", "cambia le dimensioni",
               "modifica le dimensioni", "dimensione", "dimensioni"],
    "resize.half": ["più piccola", "più piccolo", "rimpicciolisci", "rimpicciolire", "riduci le dimensioni",
                    "metà dimensione", "dimezza"],
    "rotate": ["ruota", "ruotare", "ruotala", "ruotalo", "gira", "girare", "girala", "rotazione"],
    "rotate.180": ["sottosopra", "capovolta", "capovolto", "capovolgi", "mezzo giro"],
    "flip": ["specchia", "specchiare", "specchio", "effetto specchio", "rifletti", "inverti", "ribalta",
             "ribaltare"],
    "shadow": ["ombra", "ombre", "ombra morbida", "ombra naturale", "ombra di contatto", "ombra sotto"],
    "background_image": ["questo sfondo", "lo sfondo allegato", "lo sfondo caricato", "il nuovo sfondo",
                         "questa immagine di sfondo", "con questa immagine", "con l'immagine allegata",
                         "questa immagine come sfondo", "usa questo sfondo"],
    "shadow.drop": ["ombra proiettata", "ombra portata", "ombra netta", "ombra lunga", "drop shadow"],
}

AXES = {
    "brightness+": ["luminosa", "luminoso", "luminosità", "chiara", "chiaro", "più chiara", "più chiaro", "luce",
                    "più luce", "illuminata", "illuminato", "brillante"],
    "brightness-": ["scura", "scuro", "scure", "buia", "buio", "cupa", "cupo", "tetra"],
    "exposure+": ["esposizione", "sovraesposta", "sovraesposto"],
    "exposure-": ["sottoesposta", "sottoesposto"],
    "contrast+": ["contrasto", "contrastata", "contrastato", "drammatica", "drammatico", "incisiva"],
    "contrast-": ["piatta", "piatto", "slavata", "slavato", "sbiadita"],
    "saturation+": ["satura", "saturo", "saturazione", "colorata", "colorato", "vivace", "vivaci", "colori vivaci",
                    "più colore", "colori più vivi", "colori intensi", "vivida"],
    "saturation-": ["desaturata", "desaturato", "colori spenti", "meno colore", "colori tenui", "scolorita"],
    "vibrance+": ["vibrante", "vibranti", "vitalità", "più vita", "frizzante", "far risaltare i colori",
                  "colori brillanti"],
    "vibrance-": ["spenta", "spento", "smorta", "smorto", "senza vita", "opaca"],
    "warmth+": ["calda", "caldo", "calore", "toni caldi", "dorata", "dorato", "più calda"],
    "warmth-": ["fredda", "freddo", "toni freddi", "bluastra", "bluastro", "più fredda"],
    "sharpness+": ["nitida", "nitido", "nitidezza", "definita", "definito", "definizione", "a fuoco", "dettagli",
                   "più dettagli", "dettagliata"],
    "sharpness-": ["sfocata", "sfocato", "sfuocata", "sfuocato", "mossa", "mosso", "fuori fuoco", "offuscata",
                   "sfocatura"],
    "smoothness+": ["liscia", "liscio", "morbida", "morbido", "più morbida", "vellutata"],
    "noise+": ["rumore", "rumorosa", "rumoroso", "grana", "granulosa", "granuloso", "sgranata", "sgranato"],
    "clutter+": ["disordinato", "disordinata", "caotico", "caotica", "affollato", "pieno di cose", "confuso"],
}
AXIS_VERBS = {
    "brightness+": ["schiarisci", "schiarire", "schiariscila", "illumina", "illuminare", "illuminala",
                    "rendi più luminosa"],
    "brightness-": ["scurisci", "scurire", "scuriscila", "oscura", "oscurare"],
    "saturation+": ["satura i colori", "saturare"],
    "saturation-": ["desatura", "desaturare"],
    "warmth+": ["riscalda", "riscaldare", "scalda"],
    "warmth-": ["raffredda", "raffreddare"],
    "sharpness+": ["rendi nitida", "metti a fuoco", "aumenta la nitidezza", "nitidezza maggiore", "affina"],
    "sharpness-": ["sfoca", "sfocare", "sfocala", "sfuoca", "sfuocare", "offusca", "sfumare",
                   "sfuma"],
    "smoothness+": ["ammorbidisci", "ammorbidire", "leviga", "levigare", "liscia la"],
}
CLEAN = ["pulito", "pulita", "più pulito", "semplice", "neutro", "neutra", "minimal", "minimalista", "ordinato",
         "ordinata", "uniforme", "sobrio", "tinta unita", "puro"]

TARGETS = {
    "background": ["sfondo", "lo sfondo", "sfondi", "dietro di me", "dietro di lui", "dietro di lei", "ambiente",
                   "fondale", "secondo piano", "contorno"],
    "subject": ["soggetto", "persona", "persone", "gente", "viso", "volto", "faccia", "pelle", "modella",
                "modello", "prodotto", "articolo", "oggetto", "uomo", "donna", "ragazzo", "ragazza", "bambino",
                "bambina", "neonato", "cane", "gatto", "animale", "auto", "macchina", "bottiglia", "scarpa",
                "scarpe", "borsa", "orologio", "tazza", "anello", "fiore", "cibo", "primo piano",
                "il mio viso"],
    "pronoun": ["lui", "lei", "loro", "noi"],
    "image": ["foto", "fotografia", "immagine", "l immagine", "la foto", "questa foto", "questa immagine", "tutta",
              "intera", "selfie", "scatto"],
}
VERBS = {
    "remove": ["togli", "togliere", "toglila", "toglilo", "rimuovi", "rimuovere", "rimuovilo", "elimina", "eliminare",
               "eliminalo", "cancella", "cancellare", "cancellalo", "leva", "levare", "via", "senza", "fuori",
               "sopprimi", "fai sparire"],
    "make": ["rendi", "rendere", "rendila", "rendilo", "fai", "fare", "falla", "fallo", "trasforma in",
             "trasformala in", "converti", "convertire", "convertila", "metti in", "mettila in", "salva",
             "salvare", "salvala", "esporta", "esportare", "voglio", "vorrei", "mi serve", "ho bisogno"],
    "keep": ["mantieni", "mantenere", "tieni", "tenere", "conserva", "conservare", "lascia", "lasciare",
             "preserva", "non toccare", "lascia intatto", "lascia intatta", "lascia com è"],
    "isolate": ["isola", "isolare", "isolalo", "isolala", "estrai", "estrarre", "separa", "separare",
                "tieni solo", "mantieni solo", "lascia solo"],
    "change": ["cambia", "cambiare", "sostituisci", "sostituire", "scambia", "scambiare", "trasforma",
               "trasformare", "modifica", "modificare"],
    "add": ["aggiungi", "aggiungere", "aggiungici", "applica", "applicare", "dai", "dare", "dagli", "dalle",
            "inserisci", "inserire", "metti un", "metti una", "mettici"],
    "put": ["metti", "mettere", "mettila", "mettilo", "posiziona", "posizionare", "colloca", "piazza"],
    "create": ["disegna", "disegnare", "dipingi", "dipingere", "scrivi", "scrivere", "genera", "generare", "crea",
               "creare", "immagina", "immaginare", "inventa"],
}
MODIFIERS = {
    "more": ["più", "aumenta", "aumentare", "alza", "alzare", "accentua", "accentuare", "intensifica",
             "intensificare", "potenzia", "esalta", "manca", "extra", "maggiore"],
    "less": ["meno", "riduci", "ridurre", "diminuisci", "diminuire", "abbassa", "abbassare", "attenua",
             "attenuare", "correggi", "correggere", "minore"],
    "too": ["troppo", "troppa", "eccessivamente", "fin troppo", "davvero troppo"],
    "not": ["non", "no", "niente", "nessun", "nessuna", "mai"],
    "enough": ["abbastanza", "sufficientemente", "a sufficienza"],
    "is": ["è", "sono", "sembra", "sembrano", "appare", "risulta", "è venuta", "è uscita", "mi sembra", "era"],
    "on": ["su", "sopra", "su uno", "su un", "su una"],
    "with": ["con", "per"],
}
STRENGTHS = {
    "max": ["al massimo", "massimo", "massima", "completamente", "totalmente", "estremamente", "il più possibile",
            "super"],
    "strong": ["molto", "tanto", "parecchio", "forte", "fortemente", "decisamente", "notevolmente", "davvero",
               "intenso", "intensa"],
    "light": ["un po", "poco", "un pochino", "leggermente", "leggero", "leggera", "lievemente",
              "appena", "un tocco", "delicato", "delicata", "sottile", "un filo", "un pelo", "vagamente"],
}
SCOPE = {
    "except": ["tranne", "eccetto", "salvo", "a parte", "fuorché", "ma non", "tutto tranne", "ad eccezione di",
               "tranne il", "tranne la"],
    "only": ["solo", "soltanto", "solamente", "unicamente", "solo il", "solo la", "solo lo"],
    "all": ["tutto", "tutta", "tutto il resto", "il resto", "resto", "tutto quanto", "tutto l"],
    "but": ["ma", "però", "pero", "mentre", "tuttavia"],
}
DIRECTIONS = {
    "left": ["sinistra", "a sinistra", "verso sinistra", "senso antiorario", "antiorario", "in senso antiorario"],
    "right": ["destra", "a destra", "verso destra", "senso orario", "orario", "in senso orario"],
    "horizontal": ["orizzontale", "orizzontalmente", "da sinistra a destra"],
    "vertical": ["verticale", "verticalmente", "dall alto in basso"],
}
UNITS = {
    "degrees": ["gradi", "grado"],
    "pixels": ["pixel", "px"],
    "percent": ["per cento", "percento"],
    "times": ["volte"],
    "width": ["di larghezza", "larghezza", "largo", "larga"],
    "height": ["di altezza", "altezza", "alto", "alta"],
    "long_side": ["lato lungo", "lato più lungo"],
    "margin": ["margine", "margini", "bordo", "spazio intorno"],
    "pad": ["senza ritagliare", "adatta", "adattare", "con bande", "riempi"],
}
RATIOS = {"16:9": ["orizzontale panoramico"], "4:5": ["ritratto", "verticale ritratto"], "9:16": ["storia", "storie",
                                                                                                  "reel"]}
COLORS = {
    "white": ["bianco", "bianca", "bianchi", "bianche"], "black": ["nero", "nera", "neri"],
    "gray": ["grigio", "grigia", "grigi"], "lightgray": ["grigio chiaro"], "darkgray": ["grigio scuro"],
    "red": ["rosso", "rossa", "rossi"], "green": ["verde", "verdi"], "blue": ["blu", "azzurro", "azzurra"],
    "navy": ["blu scuro", "blu navy"], "lightblue": ["azzurro chiaro", "celeste"], "yellow": ["giallo", "gialla"],
    "orange": ["arancione", "arancio"], "pink": ["rosa"], "purple": ["viola"], "brown": ["marrone"],
    "beige": ["beige"], "cream": ["crema", "panna"], "off white": ["bianco sporco", "avorio"],
    "silver": ["argento", "argentato"], "turquoise": ["turchese"],
}
SIZES = {
    "instagram_square": ["quadrato instagram", "post instagram", "post di instagram", "instagram quadrato"],
    "instagram_portrait": ["ritratto instagram", "instagram verticale"],
    "instagram_story": ["storia instagram", "storie instagram", "story instagram", "storia di instagram"],
    "passport": ["fototessera", "foto tessera", "passaporto", "foto per il passaporto", "foto documento"],
}
FILLER = """per favore perfavore pf grazie grazie mille ciao salve puoi potresti può potrebbe mi serve serve ho
    bisogno per il mio la mia negozio sito cliente clienti capo ora adesso subito veloce urgente oggi domani ok
    va bene allora un una uno il lo la i gli le l di del della dello dei delle a al alla in nel nella e che ci
    si mi ti colore colori tono toni effetto stile look versione aspetto instagram facebook presentazione
    matrimonio progetto vendita amazon ebay etsy qualcosa cosa cose bene naturale originale così com è uguale
    stesso stessa un attimo gentilmente""".split()
DETERMINERS = ["il", "lo", "la", "i", "gli", "le", "l", "un", "uno", "una", "mio", "mia", "miei", "mie", "tuo",
               "tua", "suo", "sua", "questo", "questa", "quello", "quella", "del", "della", "dello", "al", "alla"]
CONTEXT = ["per", "di", "da", "in", "perché", "come"]
THINGS = """cielo nuvola nuvole sole luna stella arcobaleno mare oceano acqua spiaggia montagna montagne
    albero alberi erba prato muro parete pavimento tavolo finestra porta edificio casa strada camicia maglietta
    vestito vestiti giacca cappello berretto occhiali capelli occhi occhio labbra bocca denti naso barba
    tatuaggio trucco bandiera cartello insegna testo logo filigrana nome parole lettere data cavi fili
    spazzatura turisti estraneo sconosciuto sconosciuti drago unicorno corona ali fuoco neve pioggia nebbia fumo
    astronave alieno robot zombie supereroe fantasma palloncino palloncini mano mani braccio corpo testa rughe
    brufoli riflesso riflessi mobili divano letto""".split()
GENERATIVE = ["più giovane", "ringiovanire", "ringiovaniscimi", "più vecchio", "più vecchia", "più magro",
              "più magra", "dimagrire", "più alto", "più muscoloso", "calvo", "biondo", "bionda", "sorriso",
              "sorridere", "sorridente", "scambio di volti", "cambia faccia", "nudo", "nuda", "spogliare", "età",
              "genere", "drago", "unicorno", "occhi rossi"]
AND = ["e", "ed", "poi", "dopo", "e poi", "anche", "inoltre", "infine", "quindi", "dopodiché"]

MESSAGES = {
    "empty": "Il prompt è vuoto.",
    "not_understood": "Non capisco «{part}».",
    "did_you_mean": "Intendevi «{suggestion}»?",
    "generative": "Non posso fare «{part}»: aggiungere, togliere o cambiare contenuti richiede un modello generativo.",
    "scope": "Non posso isolare «{part}»: distinguo solo il soggetto principale dallo sfondo.",
    "no_edit": "In questo prompt non trovo nessuna modifica che so fare.",
    "cannot_add": "Aggiungere {what} non è possibile.",
    "cannot_region": "Non posso applicare {op} solo al {region}.",
    "resize_range": "La dimensione {size} px è fuori intervallo: ogni lato deve essere tra {low} e {high} px.",
    "upscale_range": "Ingrandire di {factor} è fuori intervallo: fino a ×4 (o una dimensione fino a {high} px).",
    "margin_range": "Un margine del {percent}% è fuori intervallo: da 0 a 25% per lato.",
    "resize_size": "Indica la dimensione: 1080x1080, 800 px di larghezza, 1024 px o 50%.",
    "passport": "Le fototessere seguono regole di ogni paese che non posso garantire: chiedi una dimensione esatta (es. 600x600).",
    "pixels_only": "Posso modificare solo i pixel che ci sono già.",
    "capabilities": "So fare: sfondo: pulito e luminoso, bianco o di qualsiasi colore (nomi, #hex, rgb()), "
                    "rimuoverlo (trasparente), sfocarlo (modalità ritratto), scurirlo, schiarirlo o desaturarlo; "
                    "solo il soggetto o tutto tranne il soggetto; immagine intera: luminosità, contrasto, "
                    "esposizione, saturazione, vividezza, più calda/più fredda, bianco e nero, seppia, vintage, "
                    "nitidezza, sfocatura, riduzione del rumore, vignettatura, miglioramento automatico, disegno a "
                    "matita, cartone animato; geometria: ruotare di qualsiasi angolo, raddrizzare l'orizzonte, "
                    "specchiare, ritagliare quadrato, 16:9 o 4:5, ingrandire ×2–×4 o in 4K, dimensione esatta "
                    "(1080x1080, 800 px di larghezza, Instagram, HD, Full HD, 4K); foto prodotto (centrato su tela "
                    "bianca quadrata); ombra proiettata o morbida; salvare in png, jpg o webp.",
}
EXAMPLES = {
    "background_clean": "sfondo pulito e luminoso",
    "background_color": "sfondo bianco",
    "background_remove": "togli lo sfondo",
    "background_blur": "sfoca lo sfondo",
    "background_darken": "scurisci lo sfondo",
    "background_desaturate": "sfondo in bianco e nero",
    "brightness": "rendila più luminosa",
    "exposure": "aumenta l'esposizione",
    "contrast": "più contrasto",
    "saturation": "colori più saturi",
    "vibrance": "colori più vibranti",
    "warmth": "più calda",
    "grayscale": "in bianco e nero",
    "sepia": "tono seppia",
    "vintage": "effetto vintage",
    "vignette": "aggiungi una vignettatura",
    "auto_enhance": "migliora la foto",
    "sharpen": "più nitida",
    "blur": "sfoca la foto",
    "denoise": "riduci il rumore",
    "pencil_sketch": "trasformala in un disegno a matita",
    "cartoon": "stile cartone animato",
    "rotate": "ruota di 90 gradi a destra",
    "straighten": "raddrizza l'orizzonte",
    "flip": "specchia orizzontalmente",
    "crop": "ritaglia quadrata",
    "upscale": "ingrandisci 2x",
    "resize": "ridimensiona a 1080x1080",
    "product_frame": "foto prodotto su sfondo bianco",
    "shadow": "aggiungi un'ombra proiettata",
    "output_format": "salva in png",
    "region": "sfoca tutto tranne il soggetto",
}
