"""Deutsch."""

CODE = "de"
NAME = "Deutsch"

OPS = {
    "grayscale": ["schwarzweiß", "schwarz weiß", "schwarz und weiß", "schwarzweiss", "s w", "graustufen",
                  "in graustufen", "monochrom", "farblos", "ohne farbe", "schwarzweißbild", "schwarzweißfoto"],
    "sepia": ["sepia", "sepiaton", "sepia ton", "sepiafarben"],
    "vintage": ["vintage", "retro", "alt", "altes foto", "alter look", "nostalgisch", "analog", "analoglook",
                "filmlook", "film look", "70er", "siebziger", "vergilbt"],
    "vignette": ["vignette", "vignettierung", "dunkle ecken", "ecken abdunkeln"],
    "pencil_sketch": ["bleistiftzeichnung", "bleistift", "skizze", "zeichnung", "bleistiftskizze", "kohlezeichnung",
                      "strichzeichnung"],
    "cartoon": ["cartoon", "comic", "comicstil", "comic stil", "zeichentrick", "anime", "cartoonstil"],
    "denoise": ["entrauschen", "entrauschung", "rauschen entfernen", "rauschen reduzieren", "rauschreduzierung",
                "ohne rauschen", "körnung entfernen", "rauschfrei"],
    "auto_enhance": ["verbessern", "verbessere", "verbessert", "automatisch verbessern", "optimieren", "optimiere",
                     "weißabgleich", "farbkorrektur", "farben korrigieren", "korrigiere die farben", "aufpeppen",
                     "retuschieren", "retusche", "besser", "schöner", "professioneller", "aufbessern", "bearbeiten"],
    "background_blur": ["bokeh", "porträtmodus", "porträt modus", "portraitmodus", "tiefenschärfe",
                        "geringe tiefenschärfe", "unscharfer hintergrund"],
    "background_remove": ["transparent", "transparenz", "freistellen", "freisteller", "stell frei",
                          "stelle frei", "ohne hintergrund", "freigestellt", "ausschneiden", "schneide aus"],
    "background_clean": ["studiolook", "studio", "studiohintergrund", "aufräumen", "räum auf", "entrümpeln"],
    "straighten": ["gerade richten", "geraderichten", "richte gerade", "begradigen", "begradige",
                   "horizont ausrichten", "horizont gerade", "richte den horizont aus", "schief", "gerade machen",
                   "mach es gerade", "neigung korrigieren", "ausrichten", "richte aus"],
    "product_frame": ["produktfoto", "produktbild", "produktaufnahme", "packshot", "katalogfoto", "katalogbild",
                      "für den onlineshop", "shopfoto", "amazon foto", "produkt zentrieren", "zentriere das produkt",
                      "zentriert", "in der mitte"],
    "upscale": ["hochskalieren", "skaliere hoch", "vergrößern", "vergrößere", "hochrechnen", "höhere auflösung",
                "auflösung erhöhen", "erhöhe die auflösung", "mehr auflösung", "größer", "doppelt so groß",
                "hochauflösend", "upscalen"],
    "crop": ["zuschneiden", "schneide zu", "schneid zu", "beschneiden", "beschneide", "zuschnitt", "crop",
             "croppen", "abschneiden"],
    "crop.1:1": ["quadratisch", "quadrat", "quadratischer zuschnitt"],
    "crop.16:9": ["breitbild"],
    "resize": ["größe ändern", "ändere die größe", "skalieren", "skaliere", "auf größe", "größe"],
    "resize.half": ["verkleinern", "verkleinere", "kleiner", "halbe größe", "kleiner machen"],
    "rotate": ["drehen", "drehe", "dreh", "rotieren", "rotiere", "gedreht"],
    "rotate.180": ["auf den kopf", "über kopf", "kopfüber", "auf dem kopf"],
    "flip": ["spiegeln", "spiegle", "spiegel", "gespiegelt", "spiegelverkehrt", "umdrehen"],
    "shadow": ["schatten", "weicher schatten", "natürlicher schatten", "kontaktschatten", "bodenschatten"],
    "background_image": ["diesen hintergrund", "dieser hintergrund", "den angehängten hintergrund",
                         "den hochgeladenen hintergrund", "den neuen hintergrund", "dieses hintergrundbild",
                         "mit diesem bild", "mit dem angehängten bild", "dieses bild als hintergrund",
                         "diesen hintergrund verwenden"],
    "shadow.drop": ["schlagschatten", "harter schatten", "langer schatten", "drop shadow"],
}

AXES = {
    "brightness+": ["hell", "heller", "helle", "hellere", "helligkeit", "leuchtend", "freundlicher", "licht",
                    "mehr licht", "lichter"],
    "brightness-": ["dunkel", "dunkler", "dunkle", "dunklere", "düster", "düsterer", "finster", "trüb"],
    "exposure+": ["belichtung", "überbelichtet"],
    "exposure-": ["unterbelichtet"],
    "contrast+": ["kontrast", "kontrastreich", "kontrastreicher", "knackig", "knackiger", "dramatisch",
                  "dramatischer"],
    "contrast-": ["flau", "flach", "verwaschen", "kontrastarm", "blass"],
    "saturation+": ["gesättigt", "gesättigter", "sättigung", "farbig", "farbiger", "farbenfroh", "farbenfroher",
                    "kräftiger", "kräftigere farben", "kräftige farben", "mehr farbe", "satter", "sattere farben",
                    "bunter", "bunt"],
    "saturation-": ["entsättigt", "weniger gesättigt", "gedämpft", "gedämpfte farben", "weniger farbe", "blasser"],
    "vibrance+": ["lebendig", "lebendiger", "lebhaft", "lebhafter", "dynamik", "leuchtende farben",
                  "farben leuchten lassen", "strahlender"],
    "vibrance-": ["leblos", "langweilig", "matt", "stumpf"],
    "warmth+": ["warm", "wärmer", "wärme", "warme", "goldig", "goldener", "warme töne", "wärmere töne"],
    "warmth-": ["kalt", "kälter", "kühl", "kühler", "kühle", "bläulich", "kühlere töne", "kalte töne"],
    "sharpness+": ["scharf", "schärfer", "schärfe", "knackscharf", "klar", "klarer", "klarheit", "detailreicher",
                   "mehr details", "deutlicher"],
    "sharpness-": ["unscharf", "unschärfer", "verschwommen", "verwackelt", "weichgezeichnet", "unscharfe",
                   "unscharfen", "verschwommener"],
    "smoothness+": ["glatt", "glatter", "weich", "weicher", "sanfter"],
    "noise+": ["rauschen", "verrauscht", "rauschig", "körnig", "körnung", "korn", "bildrauschen"],
    "clutter+": ["unruhig", "unordentlich", "chaotisch", "überladen", "vollgestellt", "zu voll"],
}
AXIS_VERBS = {
    "brightness+": ["aufhellen", "aufhelle", "hell machen", "hell auf", "erhellen", "heller machen", "mach heller",
                    "hell es auf"],
    "brightness-": ["abdunkeln", "verdunkeln", "dunkel ab", "dunkler machen", "mach dunkler"],
    "saturation-": ["entsättigen", "entsättige"],
    "warmth+": ["erwärmen"],
    "sharpness+": ["schärfen", "schärfe nach", "nachschärfen", "scharfzeichnen", "scharf machen", "scharf stellen"],
    "sharpness-": ["weichzeichnen", "zeichne weich", "verwischen", "unscharf machen", "mach unscharf",
                   "verschwimmen lassen", "blurren"],
    "smoothness+": ["glätten", "glätte", "weichmachen"],
}
CLEAN = ["sauber", "sauberer", "saubere", "sauberen", "schlicht", "schlichter", "einfach", "einfacher", "neutral",
         "neutraler", "minimalistisch", "aufgeräumt", "aufgeräumter", "ruhig", "ruhiger", "einfarbig", "clean",
         "rein", "reiner"]

TARGETS = {
    "background": ["hintergrund", "hintergrunds", "den hintergrund", "hinter mir", "hinter ihm", "hinter ihr",
                   "umgebung", "drumherum"],
    "subject": ["motiv", "hauptmotiv", "person", "personen", "leute", "menschen", "gesicht", "haut", "model",
                "produkt", "artikel", "objekt", "gegenstand", "mann", "frau", "junge", "mädchen", "kind", "baby",
                "hund", "katze", "haustier", "tier", "auto", "flasche", "schuh", "schuhe", "tasche", "uhr",
                "tasse", "ring", "blume", "essen", "vordergrund", "mein gesicht"],
    "pronoun": ["mich", "ihn", "sie selbst", "uns"],
    "image": ["bild", "foto", "das bild", "das foto", "aufnahme", "ganze bild", "ganzes bild", "gesamtbild",
              "insgesamt", "alles", "selfie", "ganze foto"],
}
VERBS = {
    "remove": ["entfernen", "entferne", "entfernt", "löschen", "lösche", "lösch", "weg", "wegmachen",
               "mach weg", "weglassen", "lass weg", "ohne", "raus", "rausnehmen", "nimm raus", "beseitigen",
               "beseitige", "wegnehmen", "wegretuschieren", "retuschiere weg"],
    "make": ["mach", "mache", "machen", "macht", "gestalte", "konvertiere", "konvertieren", "umwandeln",
             "wandle um", "wandel", "verwandle", "verwandeln", "speichere", "speichern", "exportiere",
             "exportieren", "brauche", "möchte", "will", "hätte gern", "hätte gerne", "gib mir"],
    "keep": ["behalte", "behalten", "lass", "lasse", "beibehalten", "bleibt", "bleiben", "unverändert lassen",
             "nicht anfassen", "belasse", "erhalten"],
    "isolate": ["isolieren", "isoliere", "extrahieren", "extrahiere", "trenne", "trennen"],
    "change": ["ändern", "ändere", "änder", "ersetzen", "ersetze", "austauschen", "tausche", "tauschen",
               "wechseln", "wechsle", "verwandle in"],
    "add": ["hinzufügen", "füge hinzu", "füg hinzu", "gib", "gib ihm", "anwenden", "wende an", "einfügen",
            "füge ein", "ergänzen", "ergänze", "mit einer", "mit einem"],
    "put": ["setze", "setz", "stell", "stelle", "platziere", "platzieren", "leg", "lege"],
    "create": ["zeichne", "zeichnen", "male", "malen", "schreibe", "schreib", "schreiben", "generiere",
               "generieren", "erstelle", "erstellen", "erzeuge", "erzeugen", "erfinde", "stell dir vor"],
}
MODIFIERS = {
    "more": ["mehr", "erhöhen", "erhöhe", "erhöh", "verstärken", "verstärke", "steigern", "steigere", "anheben",
             "hebe an", "heb an", "extra", "hoch", "höher", "rauf", "fehlt"],
    "less": ["weniger", "reduzieren", "reduziere", "verringern", "verringere", "senken", "senke", "runter",
             "niedriger", "abschwächen", "schwäche ab", "korrigieren", "korrigiere", "mindern", "dämpfen", "dämpfe"],
    "too": ["zu", "viel zu", "übermäßig", "zu sehr"],
    "not": ["nicht", "kein", "keine", "keinen", "nie"],
    "enough": ["genug", "ausreichend"],
    "is": ["ist", "sind", "wirkt", "wirken", "sieht", "aus", "scheint", "erscheint", "war", "geworden",
           "ist etwas", "ist mir"],
    "on": ["auf", "vor", "auf einem", "auf einen", "vor einem", "vor einen"],
    "with": ["mit", "durch", "gegen"],
}
STRENGTHS = {
    "max": ["maximal", "extrem", "komplett", "völlig", "total", "vollständig", "so viel wie möglich", "super"],
    "strong": ["viel", "sehr", "stark", "deutlich", "kräftig", "richtig", "wesentlich", "erheblich", "ordentlich",
               "spürbar"],
    "light": ["etwas", "ein bisschen", "bisschen", "ein wenig", "leicht", "minimal", "dezent", "sanft", "ein klein wenig",
              "ein tick", "einen tick", "ein hauch", "einen hauch", "geringfügig", "subtil", "eine spur"],
}
SCOPE = {
    "except": ["außer", "bis auf", "ausgenommen", "abgesehen von", "aber nicht", "ohne den", "ohne die",
               "alles außer", "mit ausnahme"],
    "only": ["nur", "lediglich", "ausschließlich", "allein", "nur den", "nur die", "nur das"],
    "all": ["alles", "alles andere", "den rest", "der rest", "rest", "das übrige", "übrige", "ganze"],
    "but": ["aber", "jedoch", "doch", "während", "allerdings"],
}
DIRECTIONS = {
    "left": ["links", "nach links", "gegen den uhrzeigersinn", "linksherum"],
    "right": ["rechts", "nach rechts", "im uhrzeigersinn", "rechtsherum"],
    "horizontal": ["horizontal", "waagerecht", "seitenverkehrt"],
    "vertical": ["vertikal", "senkrecht"],
}
UNITS = {
    "degrees": ["grad"],
    "pixels": ["pixel", "bildpunkte"],
    "percent": ["prozent"],
    "times": ["mal", "fach", "fache"],
    "width": ["breit", "breite", "in der breite"],
    "height": ["hoch", "höhe", "in der höhe"],
    "long_side": ["lange seite", "längste seite", "längsten seite", "lange kante"],
    "margin": ["rand", "abstand", "weißraum", "freiraum", "ränder"],
    "pad": ["einpassen", "ohne zuschneiden", "ohne beschnitt", "passend", "mit rand auffüllen"],
}
RATIOS = {"16:9": ["querformat"], "4:5": ["hochformat", "porträt"], "9:16": ["story", "storys", "reel"]}
COLORS = {
    "white": ["weiß", "weiße", "weißer", "weißen", "weißes", "weiss"],
    "black": ["schwarz", "schwarze", "schwarzer", "schwarzen", "schwarzes"],
    "gray": ["grau", "graue", "grauer", "grauen", "graues"], "lightgray": ["hellgrau", "hellgrauen", "hellgrauer"],
    "darkgray": ["dunkelgrau", "dunkelgrauen"], "red": ["rot", "rote", "roter", "roten", "rotes"],
    "green": ["grün", "grüne", "grüner", "grünen"], "blue": ["blau", "blaue", "blauer", "blauen", "blaues"],
    "navy": ["marineblau", "dunkelblau", "dunkelblauen"], "lightblue": ["hellblau", "hellblauen", "hellblauer"],
    "yellow": ["gelb", "gelbe", "gelber", "gelben"], "orange": ["orangefarben", "orangen"],
    "pink": ["rosa", "pinke", "pinken"], "purple": ["lila", "violett"], "brown": ["braun", "braune", "braunen"],
    "beige": ["beigen", "beiger"], "cream": ["creme", "cremefarben"], "off white": ["cremeweiß", "altweiß"],
    "silver": ["silber", "silbern"], "turquoise": ["türkis"], "gold": ["golden"],
}
SIZES = {
    "instagram_square": ["instagram quadrat", "instagram post", "instagram beitrag", "quadratischer instagram post"],
    "instagram_portrait": ["instagram hochformat", "instagram porträt"],
    "instagram_story": ["instagram story", "instagram storys"],
    "passport": ["passfoto", "passbild", "bewerbungsfoto", "ausweisfoto", "biometrisch"],
}
FILLER = """bitte bitteschön danke dankeschön vielen dank hallo hi hey kannst könntest du sie mir uns
    ich wir brauche brauchen möchte würde gerne gern für meinen meine mein shop onlineshop webseite website kunde
    kunden chef jetzt sofort schnell dringend heute morgen okay ok gut also mal noch einfach den dem der die das
    des ein eine einen einem einer so wie es ist sein machen mach's habe hab hat haben soll sollte farben farbe
    ton töne effekt stil look version aussehen insgesamt instagram facebook präsentation hochzeit projekt
    verkauf amazon ebay etsy etwas bild natürlich original gleich genauso danke schön lg grüße und zwar damit
    dass es wird werden bekommen bekomme kriegen""".split()
DETERMINERS = ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "mein", "meine",
               "meinen", "meinem", "dein", "deine", "sein", "seine", "ihr", "ihre", "dieses", "diese", "diesen"]
CONTEXT = ["für", "von", "vom", "aus", "im", "in", "weil", "als", "zum", "zur", "unter", "unten", "darunter", "über",
           "hinter", "neben", "bei", "an", "am"]
THINGS = """himmel wolke wolken sonne mond stern sterne regenbogen meer ozean wasser see strand berg berge baum
    bäume gras rasen wand boden tisch fenster tür gebäude haus straße hemd tshirt shirt kleid kleidung jacke hut
    mütze brille sonnenbrille haare haar augen auge lippen mund zähne nase ohren bart tattoo makeup schminke
    fahne flagge schild text logo wasserzeichen name wörter buchstaben datum kabel leitungen müll touristen
    fremde drache drachen einhorn krone flügel feuer schnee regen nebel rauch raumschiff außerirdischer roboter zombie
    superheld geist ballon luftballon hand hände arm körper kopf falten pickel spiegelung reflexion
    möbel sofa bett""".split()
GENERATIVE = ["jünger", "älter", "dünner", "schlanker", "dicker", "größer machen", "muskulöser", "glatze", "blond",
              "lächeln", "lächelnd", "hübscher", "schöner machen", "gesicht tauschen", "gesichtertausch",
              "face swap", "nackt", "ausziehen", "geschlecht", "drache", "einhorn", "verjüngen"]
AND = ["und", "dann", "danach", "anschließend", "außerdem", "zusätzlich", "und dann", "sowie", "auch", "zuletzt",
       "schließlich"]

MESSAGES = {
    "empty": "Der Prompt ist leer.",
    "not_understood": "Ich verstehe „{part}“ nicht.",
    "did_you_mean": "Meintest du „{suggestion}“?",
    "generative": "„{part}“ kann ich nicht: Inhalte hinzufügen, entfernen oder verändern braucht ein generatives Modell.",
    "scope": "„{part}“ kann ich nicht getrennt bearbeiten: ich unterscheide nur das Hauptmotiv vom Hintergrund.",
    "no_edit": "In diesem Prompt finde ich keine Bearbeitung, die ich ausführen kann.",
    "cannot_add": "{what} hinzufügen kann ich nicht.",
    "cannot_region": "{op} kann ich nicht nur auf {region} anwenden.",
    "resize_range": "Die Zielgröße {size} px liegt außerhalb des Bereichs: jede Seite muss {low}–{high} px haben.",
    "upscale_range": "Hochskalieren um {factor} geht nicht: höchstens ×4 (oder eine Größe bis {high} px).",
    "margin_range": "Ein Rand von {percent} % geht nicht: 0–25 % pro Seite.",
    "resize_size": "Nenne die Größe: 1080x1080, 800 px breit, 1024 px oder 50 %.",
    "passport": "Pass- und Ausweisfotos haben Vorschriften je Land, die ich nicht garantieren kann: nenne eine genaue Größe (z. B. 600x600).",
    "pixels_only": "Ich kann nur die vorhandenen Pixel bearbeiten.",
    "capabilities": "Ich kann: Hintergrund: sauber und hell, weiß oder jede Farbe (Namen, #hex, rgb()), entfernen "
                    "(transparent), unscharf machen (Porträtmodus), abdunkeln, aufhellen oder entsättigen; nur das "
                    "Motiv oder alles außer dem Motiv; ganzes Bild: Helligkeit, Kontrast, Belichtung, Sättigung, "
                    "Dynamik, wärmer/kühler, Schwarzweiß, Sepia, Vintage, schärfen, weichzeichnen, entrauschen, "
                    "Vignette, automatisch verbessern, Bleistiftzeichnung, Cartoon; Geometrie: um jeden Winkel "
                    "drehen, Horizont ausrichten, spiegeln, quadratisch, 16:9 oder 4:5 zuschneiden, hochskalieren "
                    "×2–×4 oder auf 4K, genaue Größe (1080x1080, 800 px breit, Instagram, HD, Full HD, 4K); "
                    "Produktfoto (zentriert auf quadratischer weißer Fläche); Schlagschatten oder weicher Schatten; "
                    "als PNG, JPG oder WebP speichern.",
}
EXAMPLES = {
    "background_clean": "Hintergrund sauber und hell",
    "background_color": "weißer Hintergrund",
    "background_remove": "Hintergrund entfernen",
    "background_blur": "Hintergrund unscharf machen",
    "background_darken": "Hintergrund abdunkeln",
    "background_desaturate": "Hintergrund schwarzweiß",
    "brightness": "mach es heller",
    "exposure": "Belichtung erhöhen",
    "contrast": "mehr Kontrast",
    "saturation": "kräftigere Farben",
    "vibrance": "lebendigere Farben",
    "warmth": "wärmer",
    "grayscale": "in Schwarzweiß",
    "sepia": "Sepiaton",
    "vintage": "Vintage-Look",
    "vignette": "Vignette hinzufügen",
    "auto_enhance": "Foto verbessern",
    "sharpen": "schärfer",
    "blur": "weichzeichnen",
    "denoise": "Rauschen entfernen",
    "pencil_sketch": "als Bleistiftzeichnung",
    "cartoon": "im Comic-Stil",
    "rotate": "um 90 Grad nach rechts drehen",
    "straighten": "Horizont gerade richten",
    "flip": "horizontal spiegeln",
    "crop": "quadratisch zuschneiden",
    "upscale": "auf doppelte Größe hochskalieren",
    "resize": "Größe auf 1080x1080 ändern",
    "product_frame": "Produktfoto auf Weiß",
    "shadow": "Schlagschatten hinzufügen",
    "output_format": "als PNG speichern",
    "region": "alles außer dem Motiv unscharf machen",
}
