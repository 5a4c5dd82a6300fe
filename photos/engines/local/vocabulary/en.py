"""English."""

CODE = "en"
NAME = "English"

OPS = {
    "grayscale": ["black and white", "black & white", "black n white", "bw", "b w", "monochrome", "mono",
                  "grayscale", "greyscale", "gray scale", "grey scale", "no color", "without color",
                  "colorless version", "blackandwhite"],
    "sepia": ["sepia", "sepia tone", "sepia toned"],
    "vintage": ["vintage", "retro", "old school", "old photo", "old fashioned", "film look", "analog", "analogue",
                "faded film", "polaroid", "nostalgic", "70s", "seventies", "film style"],
    "vignette": ["vignette", "vignetting", "dark corners", "darken the corners", "darker corners"],
    "pencil_sketch": ["pencil sketch", "pencil drawing", "pencil", "sketch", "drawing", "line art", "charcoal"],
    "cartoon": ["cartoon", "cartoonify", "cartoonize", "cartoonise", "cartoonish", "cartoony", "comic",
                "comic book", "toon", "anime"],
    "denoise": ["denoise", "de noise", "noise reduction", "reduce noise", "remove noise", "remove the noise",
                "remove grain", "remove the grain", "reduce grain", "noise free", "no noise", "no grain"],
    "auto_enhance": ["auto enhance", "autoenhance", "auto fix", "auto correct", "autocorrect", "auto levels",
                     "white balance", "levels", "color correct", "color correction", "colour correction",
                     "correct the colors", "correct the color", "fix the colors", "fix the color", "fix the lighting",
                     "fix the photo", "fix the image", "fix the picture", "fix it", "fix this", "touch up",
                     "retouch", "polish", "enhance", "improve", "improve it", "better", "nicer", "look good",
                     "look better", "professional", "enhance it", "enhance the photo", "optimize", "optimise"],
    "background_blur": ["bokeh", "portrait mode", "portrait effect", "depth of field", "shallow focus",
                        "shallow depth of field"],
    "background_remove": ["transparent", "transparency", "cutout", "cut out", "cut it out", "no background",
                          "without background", "without a background", "without the background",
                          "background removed", "background removal", "background gone", "alpha"],
    "background_clean": ["declutter", "de clutter", "studio look", "studio background", "studio", "clean up",
                         "tidy up", "professional background"],
    "straighten": ["straighten", "straighten up", "straighten it", "straighten the horizon", "straighten horizon", "level the horizon", "level horizon",
                   "fix the tilt", "fix tilt", "fix the horizon", "fix the crooked horizon", "horizon straight",
                   "untilt", "deskew", "de skew", "crooked", "tilted", "not straight", "make it level",
                   "make it straight", "level it", "level out the horizon", "horizon level"],
    "product_frame": ["product photo", "product shot", "product image", "product picture", "product pic",
                      "product style", "product photography", "packshot", "pack shot", "ecommerce photo",
                      "ecommerce listing photo", "ecommerce image", "ecommerce ready", "e commerce photo",
                      "ecom photo", "amazon photo", "amazon listing photo", "amazon ready", "amazon product photo",
                      "shopify photo", "etsy photo", "ebay photo", "marketplace photo", "catalog photo",
                      "catalogue photo", "catalog image", "catalog style", "catalog look", "listing photo",
                      "listing image", "shop photo", "store photo", "center the product", "centre the product",
                      "center the item", "centre the item", "center the object", "center the subject",
                      "centre the subject", "center my product", "in the center", "in the centre", "centered",
                      "centred", "in the middle"],
    "upscale": ["upscale", "up scale", "upsample", "enlarge", "super resolution", "superres", "super res",
                "increase the resolution", "increase resolution", "higher resolution", "improve the resolution",
                "boost the resolution", "more resolution", "double the size", "double the resolution", "double size",
                "bigger", "make it bigger", "larger", "high res", "hi res", "high resolution", "hires"],
    "crop": ["crop", "crop it", "cropped", "trim"],
    "crop.1:1": ["square", "squared", "square crop"],
    "crop.16:9": ["widescreen", "wide screen", "youtube thumbnail"],
    "resize": ["resize", "re size", "rescale", "scale", "scale it", "scale down", "size it"],
    "resize.half": ["shrink", "downsize", "downscale", "smaller", "make it smaller", "reduce the size", "half the size",
                    "half size"],
    "rotate": ["rotate", "rotation", "spin", "rotated"],
    "rotate.180": ["upside down", "half turn"],
    "flip": ["flip", "flip it", "mirror", "mirrored", "mirror image"],
    "shadow": ["shadow", "shadows", "soft shadow", "contact shadow", "natural shadow", "realistic shadow",
               "ground shadow", "floor shadow", "shadow underneath", "shadow under it", "shadow below"],
    "background_image": ["this background", "that background", "this backdrop", "the attached background",
                         "the uploaded background", "the given background", "the new background",
                         "my background image", "this background image", "with this one", "with this image",
                         "with the attached image", "with the uploaded image", "with my image",
                         "this image as background", "this image as the background", "use this background"],
    "shadow.drop": ["drop shadow", "dropshadow", "hard shadow", "long shadow", "cast shadow", "drop shadows"],
    "format.png": ["png"],
    "format.jpg": ["jpg", "jpeg"],
    "format.webp": ["webp"],
}

AXES = {
    "brightness+": ["bright", "brighter", "brightest", "brightened", "brightness", "lighter", "luminous", "sunnier",
                    "airy", "airier", "more light", "lit", "better lit"],
    "brightness-": ["dark", "darker", "darkened", "dim", "dimmer", "dimmed", "gloomy", "murky", "shadowy"],
    "exposure+": ["exposure", "overexposed", "over exposed", "overexpose"],
    "exposure-": ["underexposed", "under exposed"],
    "contrast+": ["contrast", "contrasty", "punchy", "punchier", "punch", "dramatic", "more dramatic",
                  "deeper blacks", "enhance the contrast", "enhance contrast"],
    "contrast-": ["flat", "flatter", "washed out", "low contrast"],
    "saturation+": ["saturated", "saturation", "colorful", "colourful", "colorfull", "vivid", "vivider",
                    "richer colors", "rich colors", "more color", "more colors", "stronger colors", "deeper colors",
                    "boost the colors", "boost colors", "enhance the colors", "enhance colors", "brighter colors"],
    "saturation-": ["desaturated", "muted", "mute the colors", "colorless", "less color", "less colors",
                    "less colorful", "faded colors", "washed out colors"],
    "vibrance+": ["vibrance", "vibrant", "pop", "poppy", "more life", "lively"],
    "vibrance-": ["dull", "duller", "lifeless", "drab"],
    "warmth+": ["warm", "warmer", "warmth", "golden", "cozy", "cosy", "yellowish", "orangey", "orangish",
                "yellower", "warm up", "warm it up"],
    "warmth-": ["cool", "cooler", "cold", "colder", "bluer", "bluish", "blueish", "icy", "cool down",
                "cool it down"],
    "sharpness+": ["sharp", "sharper", "sharpened", "sharpness", "crisp", "crisper", "crispy", "crisp up", "clear",
                   "clearer", "clarity", "more detail", "more details", "detailed", "defined", "in focus", "focused",
                   "deblur", "unblur", "enhance the details", "enhance details"],
    "sharpness-": ["blurry", "blurred", "blurrier", "blurring", "blury", "fuzzy", "out of focus", "unfocused",
                   "defocused"],
    "smoothness+": ["smooth", "smoother", "smoothen", "smoothed", "soft", "softer", "softened", "silky"],
    "noise+": ["noise", "noisy", "grain", "grainy", "grainier", "speckled", "speckles", "artifacts", "artefacts"],
    "clutter+": ["busy", "cluttered", "messy", "distracting", "chaotic", "crowded"],
}
AXIS_VERBS = {
    "brightness+": ["brighten", "lighten", "brighten up", "lighten up"],
    "brightness-": ["darken"],
    "saturation+": ["saturate"],
    "saturation-": ["desaturate", "desaturate it"],
    "sharpness+": ["sharpen", "sharpen up"],
    "sharpness-": ["blur", "defocus", "soften the focus"],
    "smoothness+": ["soften", "smooth out"],
}
CLEAN = ["clean", "cleaner", "plain", "simple", "simpler", "minimal", "minimalist", "tidy", "tidier", "neat",
         "neater", "uncluttered", "solid", "pure", "clean and simple"]

TARGETS = {
    "background": ["background", "backgrounds", "backdrop", "back ground", "bg", "surroundings", "behind me",
                   "behind him", "behind her", "behind them", "behind it", "behind the subject",
                   "behind the person", "behind the product", "scenery"],
    "subject": ["subject", "foreground", "person", "people", "face", "skin", "model", "product", "item", "object",
                "man", "woman", "guy", "girl", "boy", "kid", "child", "baby", "dog", "cat", "pet", "animal",
                "bottle", "shoe", "shoes", "bag", "watch", "cup", "mug", "ring", "flower", "food", "main subject",
                "car", "bike", "horse", "bird", "chair", "lamp", "plant", "cake", "phone", "laptop", "toy",
                "my face", "portrait subject"],
    "pronoun": ["me", "him", "her", "them", "us", "myself"],
    "image": ["it", "its", "image", "photo", "picture", "pic", "whole", "overall", "entire", "shot", "selfie",
              "photograph", "this", "whole thing", "whole image", "whole photo", "the image", "frame"],
}
VERBS = {
    "remove": ["remove", "removed", "delete", "deleted", "erase", "erased", "drop", "get rid of", "lose", "gone",
               "take out", "take away", "eliminate", "strip", "without", "cut away"],
    "make": ["make", "made", "render", "convert", "set", "do", "get", "have", "go", "turn it into", "turn into",
             "turn this into", "transform into", "transform it into", "save", "export", "output", "return",
             "send", "deliver", "want", "need"],
    "turn": ["turn"],
    "keep": ["keep", "leave", "preserve", "retain", "maintain", "dont touch", "don t touch", "do not touch",
             "leave alone"],
    "isolate": ["isolate", "isolated", "extract", "keep only", "only keep", "separate", "mask out"],
    "change": ["change", "replace", "swap", "switch", "alter", "morph", "exchange", "transform"],
    "add": ["add", "give", "apply", "insert", "include", "throw in"],
    "put": ["put", "place", "set it", "show", "stick", "position"],
    "create": ["draw", "paint", "write", "generate", "create", "imagine", "type", "sign", "print", "invent"],
}
MODIFIERS = {
    "more": ["more", "increase", "increased", "boost", "raise", "higher", "extra", "amplify", "intensify",
             "stronger", "crank up", "pump up", "bump up", "up the", "enhance the", "plus", "additional"],
    "less": ["less", "reduce", "reduced", "decrease", "lower", "lessen", "tone down", "dial down", "cut", "cut down",
             "minimize", "minimise", "weaker", "fewer", "fix", "correct", "repair", "counteract", "undo"],
    "too": ["too", "overly", "excessively", "way too", "far too", "too much", "so much", "over"],
    "not": ["not", "no", "isn t", "isnt", "doesn t", "don t", "never", "nt", "not so", "not as", "not that"],
    "enough": ["enough"],
    "is": ["is", "are", "s", "looks", "seems", "feels", "look", "seem", "feel", "appears", "was", "came out",
           "turned out", "it s", "its too", "kind of", "kinda"],
    "on": ["on", "onto", "against", "over a", "in front of a"],
    "with": ["with", "into", "by a", "for a"],
}
STRENGTHS = {
    "max": ["extremely", "super", "maximum", "max", "maximally", "totally", "completely", "fully",
            "as much as possible", "insanely", "all the way", "fully"],
    "strong": ["a lot", "much", "very", "really", "way", "strongly", "significantly", "heavily", "lots",
               "considerably", "greatly", "dramatically", "massively", "seriously", "substantially", "strong",
               "heavy", "bold", "pronounced", "noticeably", "a lot more", "much more", "way more", "loads"],
    "light": ["slightly", "slight", "a bit", "a little", "a touch", "a tad", "tad", "subtle", "subtly", "gently",
              "gentle", "somewhat", "little bit", "a little bit", "lightly", "mildly", "a hint", "marginally",
              "barely", "faint", "delicate", "a smidge", "just a bit", "a wee bit", "light"],
}
SCOPE = {
    "except": ["except", "except for", "apart from", "other than", "besides", "excluding", "but not", "save for",
               "aside from", "everything but", "all but", "not the", "leaving"],
    "only": ["only", "just", "solely", "nothing but", "exclusively", "just the", "only the"],
    "all": ["everything", "all", "the rest", "rest", "everything else", "all of it", "the rest of the image",
            "the rest of the photo", "remaining", "everywhere"],
    "but": ["but", "however", "while", "whilst", "yet"],
}
DIRECTIONS = {
    "left": ["left", "to the left", "counterclockwise", "counter clockwise", "anticlockwise", "anti clockwise",
             "ccw"],
    "right": ["right", "to the right", "clockwise", "cw"],
    "horizontal": ["horizontally", "horizontal", "left to right", "sideways"],
    "vertical": ["vertically", "vertical", "top to bottom"],
}
UNITS = {
    "degrees": ["degrees", "degree", "deg", "degs"],
    "pixels": ["px", "pixels", "pixel"],
    "percent": ["percent", "per cent", "pct"],
    "times": ["times", "fold"],
    "width": ["wide", "width", "across", "in width"],
    "height": ["tall", "height", "high", "in height"],
    "long_side": ["longest side", "long side", "long edge", "longest edge", "on the longest side"],
    "margin": ["margin", "margins", "padding", "white space", "whitespace", "border", "space around"],
    "pad": ["fit", "pad", "padded", "letterbox", "letterboxed", "contain", "without cropping", "no cropping",
            "dont crop", "don t crop", "do not crop"],
}
RATIOS = {
    "1:1": ["square format"],
    "16:9": ["landscape", "youtube"],
    "9:16": ["story", "stories", "reel", "reels", "tiktok"],
    "4:5": ["portrait", "portrait crop", "portrait format", "portrait ratio"],
}
COLORS = {"gray": ["grey"], "lightgray": ["light grey", "light gray"], "darkgray": ["dark grey", "dark gray"]}
SIZES = {
    "instagram_square": ["instagram square", "instagram post", "ig square", "ig post", "instagram feed",
                         "square instagram post", "insta square", "insta post"],
    "instagram_portrait": ["instagram portrait", "ig portrait", "instagram portrait post", "insta portrait"],
    "instagram_story": ["instagram story", "ig story", "instagram stories", "instagram reel", "insta story",
                        "story size"],
    "hd": ["hd", "720p", "hd ready"],
    "full_hd": ["full hd", "fullhd", "1080p", "fhd"],
    "4k": ["4k", "uhd", "ultra hd", "2160p", "4k uhd"],
    "passport": ["passport", "passport photo", "passport size", "id photo", "visa photo", "biometric"],
}
FILLER = """please pls plz pleas kindly can could would will you u just also i i d id im i m want wanted wanna like
    love to be make made looking little bit version thanks thank thx ty cheers so for in at some more less much
    very really lot hi hello hey ok okay now quickly quick though do does did we our your thing stuff
    somewhat kind sort quite rather enough here there get let lets let s go maybe possibly if possible tone set
    up down by keep same otherwise as should could might must need needs needed help helps shop store website
    site web client clients customer customers boss project listing listings post posts instagram insta
    facebook linkedin twitter blog wedding party today tomorrow asap urgent urgently fast thank you
    thanks a lot thanks in advance in advance much appreciated appreciated grateful would be great great
    awesome perfect nice good cool beans hopefully mate guys dear sir madam team what how about way
    amazon ebay etsy shopify marketplace catalog catalogue ecommerce online presentation portfolio profile
    avatar resume cv print printing flyer brochure ad ads advert advertising marketing campaign newsletter
    email mail page homepage tomorrow morning tonight something bit one ones look effect filter style
    version copy result output file format ratio it s that s lol pls thx please and thank you i ll ll ve re
    m t be been being is it is has have had got using use used try trying tried again make sure sure who
    which when where while my friend friends family mom dad mum wife husband daughter son sister brother color
    colors colour colours tones tint tinted hue hues shade shades tone lighting light levels overall mood vibe
    feel feeling atmosphere quality detail details exif horizon""".split()
DETERMINERS = ["the", "a", "an", "my", "his", "their", "our", "your", "this", "that", "these", "those", "its",
               "some", "any", "her"]
CONTEXT = ["for", "of", "from", "in", "at", "about", "because", "since", "as"]
THINGS = """sky skies cloud clouds sun sunset moon star stars rainbow ocean water lake river beach mountain
    mountains tree trees grass forest wall walls floor table window door building house road street city shirt
    tshirt dress clothes clothing jacket coat cap glasses sunglasses hair eyes eye lips mouth teeth
    nose ear ears beard tattoo tattoos makeup lipstick necklace earrings flag sign text logo watermark name
    words letters caption date timestamp wires wire cables cable pole poles trash garbage photobomber stranger
    strangers crowd tourists tourist dragon dragons unicorn crown wings fire snow rain fog smoke spaceship alien
    robot zombie superhero ghost balloon balloons bus boat plane truck
    hand hands arm arms leg legs body head eyebrows nails hat hats mustache moustache scar scars wrinkles
    wrinkle blemish blemishes pimple pimples acne freckles mole spots spot stain stains dust scratch scratches
    redeye glare reflection reflections furniture sofa couch bed friend boyfriend
    girlfriend ex""".split()
GENERATIVE = ["younger", "older", "younger looking", "thinner", "slimmer", "fatter", "taller", "shorter",
              "skinnier", "muscular", "bald", "blonde", "smile", "smiling", "prettier", "handsome", "sexier",
              "face swap", "faceswap", "swap face", "swap faces", "deepfake", "inpaint", "inpainting", "outpaint",
              "outpainting", "uncrop", "text to image", "hallucinate", "nude", "naked", "undress", "age",
              "gender", "aging", "de age", "de aging", "beautify", "makeover", "dragon", "unicorn"]
AND = ["and", "then", "and then", "also", "as well as", "after that", "afterwards", "next", "finally", "plus also",
       "and also", "as well", "additionally"]

MESSAGES = {
    "empty": "The prompt is empty.",
    "not_understood": "I don't understand “{part}”.",
    "did_you_mean": "Did you mean “{suggestion}”?",
    "generative": "I can't do “{part}”: adding, removing or changing content needs a generative model.",
    "scope": "I can't single out “{part}”: I can only tell the main subject from the background.",
    "no_edit": "I couldn't find an edit I can do in that prompt.",
    "cannot_add": "Adding {what} is not something I can do.",
    "cannot_region": "I can't apply {op} to the {region} only.",
    "resize_range": "Resize target {size} px is out of range: each side must be {low}–{high} px.",
    "upscale_range": "Upscaling by {factor} is out of range: ask for up to ×4 (or a size up to {high} px).",
    "margin_range": "A {percent}% margin is out of range: ask for 0–25% on each side.",
    "resize_size": "Say the size to resize to: 1080x1080, 800 px wide, 1024 px or 50%.",
    "passport": "Passport and ID photos have per-country rules I can't guarantee: ask for an exact size instead (e.g. 600x600).",
    "pixels_only": "I can only edit the pixels that are there.",
    "capabilities": "I can: background: make it clean and bright, white or any colour (names, #hex, rgb()), remove "
                    "it (transparent), blur it (portrait/bokeh), darken, brighten or desaturate it; only the subject "
                    "or everything except it; whole image: brightness, contrast, exposure, saturation, vibrance, "
                    "warmer/cooler, black and white, sepia, vintage, sharpen, blur, denoise/smooth, vignette, "
                    "auto-enhance, pencil sketch, cartoon; geometry: rotate by any angle, straighten (level the "
                    "horizon), flip horizontally/vertically, crop to square, 16:9 or 4:5 around the subject, upscale "
                    "×2–×4 or to 4K, resize to N px, an exact WxH, a width or a preset (Instagram, HD, Full HD, 4K); "
                    "product photo (subject centred on a square white canvas, optional margin); drop shadow or "
                    "soft shadow under the subject; output as png, jpg or webp.",
}
EXAMPLES = {
    "background_clean": "make the background clean and bright",
    "background_color": "put it on a white background",
    "background_remove": "remove the background",
    "background_blur": "blur the background",
    "background_darken": "darken the background",
    "background_desaturate": "make the background black and white",
    "brightness": "make it brighter",
    "exposure": "increase the exposure",
    "contrast": "more contrast",
    "saturation": "more saturated",
    "vibrance": "make the colours pop",
    "warmth": "make it warmer",
    "grayscale": "black and white",
    "sepia": "sepia",
    "vintage": "give it a vintage look",
    "vignette": "add a vignette",
    "auto_enhance": "auto enhance",
    "sharpen": "sharpen it",
    "blur": "blur it",
    "denoise": "reduce the noise",
    "pencil_sketch": "turn it into a pencil sketch",
    "cartoon": "make it a cartoon",
    "rotate": "rotate 90 degrees to the right",
    "straighten": "straighten the horizon",
    "flip": "flip horizontally",
    "crop": "crop to a square",
    "upscale": "upscale 2x",
    "resize": "resize to 1080x1080",
    "product_frame": "product photo on white",
    "shadow": "add a drop shadow",
    "output_format": "save as png",
    "region": "blur everything except the subject",
}
