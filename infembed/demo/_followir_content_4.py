"""FollowIR-style demo content, part 4: photography, fashion and textiles.

Hand-written by the infembed team (Apache-2.0). Same structure as part 1.
"""

QUERIES = {
    "photography": [
        {
            "query": "how to take sharp photos at night",
            "og": "A relevant document gives techniques for getting sharp, non-blurry photographs in low light at night.",
            "changed": "A relevant document gives techniques for getting sharp, non-blurry photographs in low light at night without using a tripod. Techniques that depend on a tripod are not relevant.",
            "both": [
                ("Handheld night photography", "When you cannot carry a tripod, open the aperture to its widest setting, raise the ISO to 3200 or higher and switch on image stabilisation. Brace your elbows against your body or lean on a wall, breathe out and press the shutter gently. Shoot a burst of several frames, because one of them is usually sharper than the rest."),
            ],
            "og_only": [
                ("Astrophotography basics", "To capture the Milky Way, set your camera on a solid tripod away from city lights. Use a wide lens at its widest aperture, ISO 3200 and an exposure of fifteen to twenty-five seconds. Focus manually on a bright star using live view magnification, and trigger with an interval timer to avoid shake."),
                ("Long exposures after dark", "For crisp city lights and star trails, mount the camera on a sturdy tripod and use ISO 100 with an aperture of f/8. Exposures of ten to thirty seconds gather enough light. Use the two-second self-timer or a remote release so pressing the button does not shake the camera, and turn stabilisation off on the tripod."),
            ],
            "neither": [
                ("Why night photos look orange", "Street lamps often use sodium or warm LED light, which gives night photos a strong orange cast. Auto white balance struggles with mixed lighting from shop signs and car lights. Shooting in raw format lets you adjust white balance freely afterwards, or you can choose the tungsten preset in the camera to cool the colours."),
            ],
        },
        {
            "query": "best camera settings for portrait photography",
            "og": "A relevant document recommends camera settings for taking portrait photographs of people.",
            "changed": "A relevant document recommends camera settings for taking portrait photographs of people outdoors in natural light, with specific aperture values. Studio flash setups are not relevant.",
            "both": [
                ("Outdoor portraits in natural light", "For a soft background outdoors, shoot in aperture priority at f/1.8 to f/2.8 with a lens between 50 and 85 millimetres. Place your subject in open shade, such as under a tree, to avoid harsh shadows, and focus on the nearer eye. Keep the shutter speed above 1/250 second and let the ISO float as the daylight changes."),
            ],
            "og_only": [
                ("Headshots with one studio strobe", "For professional headshots in a small studio, use a single strobe in a large octabox above and in front of the face. Set the camera to manual at ISO 100, 1/200 second and f/5.6, and meter the flash. A grey backdrop and a white reflector under the chin complete a clean corporate look."),
                ("Studio portrait lighting settings", "In a studio with flash heads, set the camera to manual at 1/160 second, ISO 100 and f/8 so the whole face is sharp. Place the key light at forty-five degrees to the subject with a softbox and add a reflector on the other side. Adjust the flash power, not the camera, until the skin tones are correctly exposed."),
            ],
            "neither": [
                ("Directing people during a portrait shoot", "Most people feel awkward in front of a camera, so chat with them, show them a good frame on the screen early and give clear, simple directions such as shifting weight to the back foot. Ask them to look away and then back at the lens on a count of three to get a natural expression."),
            ],
        },
        {
            "query": "how to photograph birds in flight",
            "og": "A relevant document gives practical advice for photographing birds while they are flying.",
            "changed": "A relevant document gives practical advice for photographing birds while they are flying and names a minimum shutter speed. Advice without a specific shutter speed is not relevant.",
            "both": [
                ("Freezing wings in mid-air", "To freeze a flying bird's wings, use a shutter speed of at least 1/2000 second, and 1/3200 for small fast birds like swallows. Set continuous autofocus with a zone or tracking area, and pan smoothly with the bird before and after you press the shutter. Shooting with the sun behind you lights the underside of the wings."),
            ],
            "og_only": [
                ("Fieldcraft for flying birds", "Learn where birds take off and land: gulls follow fishing boats, and raptors ride thermals along ridges on warm afternoons. Face into the wind, because birds take off and land against it, flying towards you. Keep both eyes open to track the bird, use continuous autofocus and a fast shutter speed, and be patient."),
            ],
            "neither": [
                ("Choosing a lens for bird photography", "Bird photographers usually need a focal length of at least 400 millimetres. Zoom lenses such as 150-600 millimetre models are affordable and flexible, while prime lenses are sharper and faster but heavy and expensive. A crop-sensor camera adds reach, making a 400 millimetre lens frame like a 600."),
                ("Ethics of bird photography", "Never approach nesting birds closely or use playback calls in breeding season, because disturbance can make parents abandon eggs. Stay on paths in reserves, use hides where provided and do not bait birds of prey. If a bird changes its behaviour because of you, you are too close."),
            ],
        },
        {
            "query": "editing raw photos for beginners",
            "og": "A relevant document explains how a beginner should edit raw photo files.",
            "changed": "A relevant document explains how a beginner should edit raw photo files using free software. Guides based on paid software subscriptions are not relevant.",
            "both": [
                ("Editing raw files for free", "You do not need a subscription to edit raw files. Free, open-source programs such as darktable and RawTherapee open files from almost every camera. Start by setting exposure and white balance, then lift the shadows and lower the highlights, add a touch of contrast and crop. Export a JPEG and keep the raw file untouched."),
            ],
            "og_only": [
                ("Editing raw photos in Capture One", "Capture One, available as a monthly subscription, is popular with portrait photographers for its skin-tone colour tools. Import raw files, apply a camera-matching base profile, then adjust exposure, white balance and levels. Layers and masks let you brighten a face without affecting the background."),
                ("Your first raw edit in Lightroom", "With an Adobe Photography Plan subscription, import your raw files into Lightroom Classic and start in the Basic panel. Set white balance with the eyedropper, adjust exposure, then bring down highlights and lift shadows. Add clarity sparingly, crop to strengthen composition and export a JPEG for sharing online."),
            ],
            "neither": [
                ("Raw versus JPEG explained", "A JPEG is processed and compressed inside the camera, which throws away data to save space. A raw file stores everything the sensor recorded, with more tonal range in highlights and shadows. Raw files are several times larger and must be processed before sharing, but they allow much bigger corrections without visible damage."),
            ],
        },
        {
            "query": "composition rules for landscape photos",
            "og": "A relevant document explains composition techniques for landscape photography.",
            "changed": "A relevant document explains composition techniques for landscape photography and discusses using foreground interest. Documents that do not mention the foreground are not relevant.",
            "both": [
                ("Give your landscape a foreground", "A rock, a flower or a fence post close to the lens gives a landscape depth and leads the eye into the scene. Get low, use a wide-angle lens and stop down to f/11 so both the foreground and the distant mountains are sharp. Combine this with the rule of thirds, placing the horizon on the upper or lower third."),
            ],
            "og_only": [
                ("Thirds, lines and horizons", "Place the horizon on one of the third lines rather than across the middle, depending on whether the sky or the land is more interesting. Look for natural lines such as rivers and roads that lead towards a focal point, like a lone tree or a distant peak. Keep horizons level and edges of the frame free of clutter."),
            ],
            "neither": [
                ("Filters for landscape photographers", "A polarising filter deepens blue skies and removes glare from water and wet leaves. Neutral density filters lengthen exposures to smooth waterfalls and clouds, and graduated filters darken a bright sky while leaving the land untouched. Square filter systems let one set fit lenses of different sizes."),
                ("The golden hour", "The hour after sunrise and before sunset gives warm, low light that reveals texture in landscapes and avoids the flat look of midday. Apps that show the sun's direction help you plan where to stand. Cloudy days are not wasted either: overcast light suits waterfalls and woodland scenes."),
            ],
        },
    ],
    "fashion_textiles": [
        {
            "query": "how to remove red wine stains from clothes",
            "og": "A relevant document explains how to get red wine stains out of clothing.",
            "changed": "A relevant document explains how to get red wine stains out of clothing made of delicate fabrics such as silk or wool. Methods for cotton or everyday washable fabrics are not relevant.",
            "both": [
                ("Wine on silk and wool", "On silk or wool, never rub or use hot water, which sets the stain and damages the fibres. Blot the wine gently with a white cloth, then dab with cold water mixed with a few drops of wool detergent. Work from the outside of the stain inwards. If the mark remains, take the garment to a dry cleaner and point out the stain."),
            ],
            "og_only": [
                ("White wine and baking soda myth", "Pouring white wine on a red wine stain on a cotton tablecloth or T-shirt dilutes the colour, but it is cold water that really helps. Rinse the back of the stain under the cold tap, then rub in a paste of baking soda and water. Wash the cotton item in a normal machine cycle with biological detergent."),
                ("Getting wine out of a cotton shirt", "Stretch the stained part of a cotton shirt over a bowl and pour boiling water through it from a height; the force flushes the wine out. Alternatively cover the stain with salt, leave it for ten minutes and rinse. Treat any remaining mark with an oxygen bleach soak and wash at forty degrees."),
            ],
            "neither": [
                ("Why red wine stains", "Red wine gets its colour from anthocyanins, pigments found in the grape skins. These molecules bind readily to natural fibres such as cotton and wool, and their colour changes with acidity, so a stain can turn blue-grey after washing with an alkaline detergent. Older, tannic wines tend to stain more stubbornly."),
            ],
        },
        {
            "query": "how to sew a button back on",
            "og": "A relevant document gives instructions for sewing a button onto a garment by hand.",
            "changed": "A relevant document gives instructions for sewing a button onto a garment by hand, for a shank button or with a thread shank on a thick coat. Instructions for flat buttons on shirts with no shank are not relevant.",
            "both": [
                ("Buttons on a winter coat", "Coat buttons need a thread shank so the thick fabric can sit beneath them. Place a matchstick across the top of the button and sew over it through the holes six or seven times with doubled thread. Remove the matchstick, lift the button and wind the thread tightly around the stitches underneath to form a firm stem, then knot it at the back."),
            ],
            "og_only": [
                ("Reattaching a shirt button", "Thread a needle with matching cotton, double it and knot the end. Push the needle up through the fabric at the mark where the old button was, then sew through opposite holes of the flat button four or five times, keeping it snug against the shirt. Finish with a few small stitches on the back and trim the thread."),
            ],
            "neither": [
                ("A short history of buttons", "Buttons were used as ornaments for thousands of years before they fastened clothes. Functional buttons with buttonholes spread in thirteenth-century Europe, allowing close-fitting garments. They were made from bone, horn, shell and precious metals, and a row of many small buttons became a sign of wealth."),
            ],
        },
        {
            "query": "how to care for a wool sweater",
            "og": "A relevant document explains how to wash or care for a wool jumper or sweater.",
            "changed": "A relevant document explains how to wash or care for a wool jumper or sweater by hand washing only. Documents that recommend the washing machine are not relevant.",
            "both": [
                ("Hand washing wool", "Fill a basin with lukewarm water and a capful of wool wash, submerge the sweater and press it gently for a few minutes without rubbing. Rinse in water of the same temperature, squeeze out the water and roll the sweater in a towel. Dry it flat on another towel, reshaping it, away from heat and sunlight."),
            ],
            "og_only": [
                ("Machine washing knitwear", "Most wool sweaters with a care label allowing it can go in the washing machine on the wool or hand-wash cycle at thirty degrees with a wool detergent and a low spin speed. Turn the sweater inside out and put it in a mesh laundry bag. Lay it flat to dry rather than tumble drying."),
            ],
            "neither": [
                ("Storing wool against moths", "Clothes moth larvae feed on wool, especially items put away dirty. Wash or dry clean sweaters before storing them for summer and keep them in sealed bags or boxes. Cedar blocks and lavender sachets may deter moths, and freezing an infested item for a few days kills eggs and larvae."),
                ("Merino versus lambswool", "Merino wool comes from merino sheep and has very fine fibres, so it feels soft against the skin and suits base layers. Lambswool comes from the first shearing of young sheep and is also soft but slightly thicker and warmer. Shetland wool is hardier and a little scratchy, but lasts for years."),
            ],
        },
        {
            "query": "building a capsule wardrobe on a budget",
            "og": "A relevant document explains how to build a capsule wardrobe without spending much money.",
            "changed": "A relevant document explains how to build a capsule wardrobe without spending much money, using only second-hand or thrifted clothes. Advice about buying new clothes is not relevant.",
            "both": [
                ("A thrifted capsule wardrobe", "Start by listing the thirty pieces you actually wear, then fill the gaps from charity shops, vintage markets and online resale apps. Look for natural fibres and well-made basics in two or three neutral colours. Thrifting for a capsule takes patience, but a whole wardrobe of second-hand pieces can cost less than a single new coat."),
            ],
            "og_only": [
                ("Investing in a few new staples", "Spend the capsule budget on a handful of new, well-made staples from brands with good guarantees: a wool coat, leather boots and dark denim. Buying new from these brands costs more at first, but each piece lasts years, so the cost per wear ends up low. Wait for end-of-season sales to save money."),
                ("A capsule from high-street basics", "Buy new, affordable basics during the seasonal sales: a pair of dark jeans, two plain T-shirts, a white shirt, a neutral knit and a versatile jacket. High-street chains offer these in fresh stock every season, so you can build a thirty-piece capsule for a modest budget and replace worn items easily."),
            ],
            "neither": [
                ("What is a capsule wardrobe?", "The term capsule wardrobe was popularised in the 1970s by a London boutique owner who described a small set of essential garments that do not go out of fashion, supplemented by a few seasonal pieces. The idea is to own fewer clothes that all work together, making getting dressed simpler."),
            ],
        },
        {
            "query": "choosing fabric for a summer dress",
            "og": "A relevant document recommends fabrics that suit sewing or buying a summer dress.",
            "changed": "A relevant document recommends fabrics that suit sewing or buying a summer dress and that are made from natural fibres only. Recommendations for synthetic fabrics are not relevant.",
            "both": [
                ("Sewing a summer dress in cotton seersucker", "Cotton seersucker has a puckered texture that holds the fabric away from the skin, so it feels cool even on humid days. Like linen and cotton lawn, it is a natural fibre that breathes and washes easily. It needs almost no ironing, which makes it a practical choice for a first summer dress."),
                ("Natural fabrics for hot days", "Linen is the coolest fabric for a summer dress because its hollow fibres let air through and it dries quickly. Cotton lawn and voile are light and easy to sew for beginners, while silk crepe de chine drapes beautifully for evening. All three are natural fibres that breathe, so you stay cooler than in polyester."),
            ],
            "og_only": [
                ("Easy-care summer fabrics", "A polyester crepe or viscose-blend jersey resists creasing and packs well for holidays. Modern moisture-wicking synthetics pull sweat away from the skin, and nylon-elastane blends give stretch without losing their shape. These fabrics are affordable, come in bright prints and can be washed and worn without ironing."),
            ],
            "neither": [
                ("Reading a sewing pattern envelope", "The back of a sewing pattern envelope lists the body measurements for each size, the fabric width and the length you need for each view, and the notions such as zips and buttons. Choose your size from your bust, waist and hip measurements, not your shop size, which often differs."),
            ],
        },
    ],
}

DISTRACTORS = {
    "photography": [
        ("Cleaning a camera sensor", "Dust spots appear as dark blobs in the same place on every photo, most visible at small apertures against a blue sky. First try the camera's built-in cleaning function and a hand blower with the lens mount facing down. Only use sensor swabs and cleaning fluid if the dust is stubborn, and follow the maker's instructions."),
        ("Film photography is back", "Sales of 35 mm film have risen again as younger photographers enjoy the slower pace and distinctive colours of analogue photography. Each roll has only 24 or 36 exposures, which encourages careful composition. Many labs now offer scanning with development, so film images can still be shared online."),
        ("Understanding focal length", "Focal length, measured in millimetres, describes how much of a scene a lens takes in. A 24 mm lens gives a wide view suited to landscapes and interiors, 50 mm roughly matches what we notice at a glance, and 200 mm magnifies distant subjects. A smaller sensor crops the image, making any lens act longer."),
    ],
    "fashion_textiles": [
        ("How denim is dyed", "Traditional denim is woven with indigo-dyed warp threads and undyed weft threads, which is why jeans are blue on the outside and paler inside. The indigo only coats the outside of each yarn, so it wears away at creases and knees, giving the familiar fading patterns that many people value."),
        ("Ironing tips for linen", "Iron linen while it is still slightly damp, on the highest heat setting, and press on the reverse side to avoid shine on dark colours. A spray bottle of water helps with dried creases. Hang linen garments immediately afterwards, and accept a few soft creases as part of the fabric's character."),
        ("Shoe sizes around the world", "Shoe sizes differ between countries. A UK size 7 is roughly a European 40 or 41 and a US women's 9 or men's 8. Manufacturers' lasts vary, so foot length in centimetres is the most reliable guide when buying online. Measure both feet in the evening and use the larger one."),
    ],
}
