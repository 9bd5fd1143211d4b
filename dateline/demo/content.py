"""The demo newsroom's words: sections, people, photo captions and stories in English and Spanish.

Every story, person, outlet and organisation here is invented for the demo, including the agencies
(Meridian, Nordwire) and the outlets quoted. Real places serve only as datelines. Stories are listed
newest first; `build.py` spreads them over the last month in that order.
"""

from dataclasses import dataclass

# Body blocks are kept as small tuples and turned into StreamField data by the builder:
# ("p", text) paragraph, ("h", text) sub-heading, ("q", quote, attribution, source, language) quote,
# ("qa", question, answer) an interview exchange, ("photo", picture key, caption) in-body photo.


def p(text: str) -> tuple:
    return ("p", text)


def h(text: str) -> tuple:
    return ("h", text)


def q(quote: str, attribution: str, source: str = "", language: str = "") -> tuple:
    return ("q", quote, attribution, source, language)


def qa(question: str, answer: str) -> tuple:
    return ("qa", question, answer)


def photo(key: str, caption: str = "") -> tuple:
    return ("photo", key, caption)


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    intro: str
    slug_es: str
    title_es: str
    intro_es: str


@dataclass(frozen=True)
class PersonEntry:
    slug: str
    name: str
    role: str
    bio: str
    role_es: str = ""
    bio_es: str = ""


@dataclass(frozen=True)
class Picture:
    key: str
    title: str
    description: str
    credit: str
    caption: str


@dataclass(frozen=True)
class Story:
    slug: str
    section: str
    kind: str
    headline: str
    standfirst: str
    body: tuple
    place: str = ""
    outlet: str = ""
    authors: tuple[str, ...] = ()
    editor: str = ""
    photo: str = ""
    tags: tuple[str, ...] = ()
    update: str = ""  # a paragraph added by a later revision, published hours after the first
    comments_open: bool = True


@dataclass(frozen=True)
class Translation:
    """A Spanish version of an English story; it shares the story's translation key."""

    source: str  # slug of the English story
    slug: str
    headline: str
    standfirst: str
    body: tuple
    tags: tuple[str, ...] = ()
    lead_caption: str = ""


@dataclass(frozen=True)
class SpanishStory:
    """A story first written in Spanish, with no English version."""

    story: Story
    lead_caption: str = ""


# Datelines of translated stories, in Spanish.
PLACE_NAMES_ES = {
    "Geneva": "Ginebra",
    "Brussels": "Bruselas",
    "Havana": "La Habana",
    "Lisbon": "Lisboa",
    "Mexico City": "Ciudad de México",
    "Cape Town": "Ciudad del Cabo",
    "Addis Ababa": "Adís Abeba",
}

# How the demo arranges the English front page, when editors have not: the lead story, then the
# stories pinned under it. The Spanish front page leads with the lead story's translation.
LEAD_STORY = "andes-glacier-retreat-study"
PINNED_STORIES = ("havana-power-cuts-solar-plan", "deep-sea-mining-moratorium-vote")

SECTIONS = [
    Section(
        "world",
        "World",
        "Diplomacy, conflict, aid and the forces that shape the planet, from our correspondents and partner agencies.",
        "mundo",
        "Mundo",
        "Diplomacia, conflictos, ayuda y las fuerzas que mueven el planeta, de nuestros corresponsales y agencias.",
    ),
    Section(
        "americas",
        "Americas",
        "From Patagonia to the Caribbean: politics, economy and daily life across the Americas.",
        "americas",
        "Américas",
        "De la Patagonia al Caribe: política, economía y vida cotidiana en las Américas.",
    ),
    Section(
        "europe",
        "Europe",
        "The European Union, its neighbours and the decisions taken in Brussels that reach every kitchen table.",
        "europa",
        "Europa",
        "La Unión Europea, sus vecinos y las decisiones de Bruselas que llegan a cada hogar.",
    ),
    Section(
        "science",
        "Science",
        "Research, space, health and climate, explained by reporters who read the papers.",
        "ciencia",
        "Ciencia",
        "Investigación, espacio, salud y clima, explicados por periodistas que leen los estudios.",
    ),
    Section(
        "sport",
        "Sport",
        "Football, athletics, cycling and the people behind the results.",
        "deportes",
        "Deportes",
        "Fútbol, atletismo, ciclismo y las personas detrás de los resultados.",
    ),
]

PEOPLE = [
    PersonEntry(
        "ana-ruiz",
        "Ana Ruiz",
        "Andes correspondent",
        "Ana Ruiz reports on Peru, Bolivia and Ecuador from Lima. Before joining Dateline she spent eight years "
        "covering mining and water disputes for regional radio.",
        role_es="Corresponsal en los Andes",
        bio_es="Ana Ruiz cubre Perú, Bolivia y Ecuador desde Lima. Antes de llegar a Dateline pasó ocho años "
        "informando sobre minería y conflictos por el agua en la radio regional.",
    ),
    PersonEntry(
        "tomas-herrera",
        "Tomás Herrera",
        "Caribbean correspondent",
        "Tomás Herrera covers Cuba and the wider Caribbean from Havana, with a particular eye on energy, "
        "shipping and the economy of small islands.",
        role_es="Corresponsal en el Caribe",
        bio_es="Tomás Herrera cubre Cuba y el resto del Caribe desde La Habana, con especial atención a la energía, "
        "el transporte marítimo y la economía de las islas pequeñas.",
    ),
    PersonEntry(
        "grace-wanjiru",
        "Grace Wanjiru",
        "East Africa correspondent",
        "Grace Wanjiru is based in Nairobi and reports across East Africa on agriculture, trade and public "
        "health. She studied statistics before turning to journalism.",
        role_es="Corresponsal en África Oriental",
        bio_es="Grace Wanjiru trabaja desde Nairobi y cubre la agricultura, el comercio y la salud pública en África"
        " Oriental. Estudió estadística antes de dedicarse al periodismo.",
    ),
    PersonEntry(
        "lukas-brandt",
        "Lukas Brandt",
        "Europe editor",
        "Lukas Brandt runs the Europe desk from Brussels. He has followed EU summits, budget fights and "
        "enlargement talks for more than a decade.",
        role_es="Editor de Europa",
        bio_es="Lukas Brandt dirige la sección de Europa desde Bruselas. Lleva más de una década siguiendo cumbres, "
        "presupuestos y ampliaciones de la UE.",
    ),
    PersonEntry(
        "claire-fontaine",
        "Claire Fontaine",
        "Diplomatic correspondent",
        "Claire Fontaine reports from Geneva on diplomacy, humanitarian aid and global health, and on the "
        "negotiations that rarely make the front page until they fail.",
        role_es="Corresponsal diplomática",
        bio_es="Claire Fontaine informa desde Ginebra sobre diplomacia, ayuda humanitaria y salud mundial, y sobre "
        "las negociaciones que rara vez llegan a portada hasta que fracasan.",
    ),
    PersonEntry(
        "samuel-okafor",
        "Samuel Okafor",
        "Science writer",
        "Samuel Okafor writes about space, physics and medicine. He trained as a chemist and still reads "
        "the methods section first.",
        role_es="Periodista científico",
        bio_es="Samuel Okafor escribe sobre el espacio, la física y la medicina. Se formó como químico y todavía lee"
        " primero la sección de métodos.",
    ),
    PersonEntry(
        "mei-lin-tan",
        "Mei Lin Tan",
        "Climate and data reporter",
        "Mei Lin Tan covers climate, energy and the numbers behind them, building the charts and datasets "
        "that go with her stories.",
        role_es="Periodista de clima y datos",
        bio_es="Mei Lin Tan cubre el clima, la energía y las cifras que los explican, y prepara los gráficos y datos"
        " que acompañan sus artículos.",
    ),
    PersonEntry(
        "rafael-quintero",
        "Rafael Quintero",
        "Sport editor",
        "Rafael Quintero has covered football, athletics and cycling on four continents and edits the sport section.",
        role_es="Editor de Deportes",
        bio_es="Rafael Quintero ha cubierto fútbol, atletismo y ciclismo en cuatro continentes y edita la sección de"
        " deportes.",
    ),
    PersonEntry(
        "ingrid-solberg",
        "Ingrid Solberg",
        "Night editor",
        "Ingrid Solberg edits the overnight news file and decides what readers see first in the morning.",
        role_es="Editora de noche",
        bio_es="Ingrid Solberg edita la información de madrugada y decide lo primero que leen los lectores por la "
        "mañana.",
    ),
    PersonEntry(
        "david-mensah",
        "David Mensah",
        "Managing editor",
        "David Mensah is Dateline's managing editor, responsible for the daily report and its standards.",
        role_es="Director adjunto",
        bio_es="David Mensah es el director adjunto de Dateline, responsable de la edición diaria y de sus normas.",
    ),
    PersonEntry(
        "lucia-paredes",
        "Lucía Paredes",
        "Spanish-language editor",
        "Lucía Paredes edits Dateline's Spanish-language report from Madrid and coordinates the work of "
        "correspondents across Latin America.",
        role_es="Editora en español",
        bio_es="Lucía Paredes edita la información en español de Dateline desde Madrid y coordina a los "
        "corresponsales en América Latina.",
    ),
]

PICTURES = [
    Picture(
        "harbour-at-dusk",
        "Container cranes at dusk",
        "Container cranes and two cargo ships silhouetted against an orange sky at sunset.",
        "Dateline/Tomás Herrera",
        "Cargo ships wait at anchor as the sun sets over the container terminal.",
    ),
    Picture(
        "mountain-ridge",
        "Andean ridge",
        "Layers of blue mountain ridges under a clear sky, with snow on the highest peaks.",
        "Dateline/Ana Ruiz",
        "Snow lies on the high peaks above the valley.",
    ),
    Picture(
        "parliament",
        "Parliament portico",
        "A pale stone building with ten columns and a triangular pediment, with flags on poles either side.",
        "Meridian",
        "The parliament building, where deputies debated late into the night.",
    ),
    Picture(
        "stadium-at-night",
        "Stadium under floodlights",
        "A football pitch lit by four floodlight towers, with a crowd in the stands.",
        "Nordwire/Erik Lund",
        "Floodlights over the pitch before kick-off.",
    ),
    Picture(
        "laboratory",
        "Laboratory bench",
        "Glass flasks of coloured liquid on a laboratory bench, with a monitor showing data behind them.",
        "Dateline/Samuel Okafor",
        "Samples on a bench at the institute's water laboratory.",
    ),
    Picture(
        "city-in-rain",
        "City in the rain",
        "Office towers with lit windows reflected in a wet street during heavy rain.",
        "Meridian",
        "Heavy rain over the city centre on Tuesday evening.",
    ),
    Picture(
        "market-stalls",
        "Market stalls",
        "Four market stalls under striped awnings, with fruit piled on wooden tables.",
        "Dateline/Grace Wanjiru",
        "Traders at the central market say prices have risen for the third month running.",
    ),
    Picture(
        "solar-farm",
        "Solar park",
        "Rows of dark blue solar panels stretching to the horizon under a clear sky.",
        "Dateline/Mei Lin Tan",
        "Panels at the new solar park, which is expected to supply about 40,000 homes.",
    ),
    Picture(
        "running-track",
        "Athletics track from above",
        "An aerial view of a red running track with white lane lines around a green infield.",
        "Nordwire",
        "The renovated track will host the regional championships in June.",
    ),
    Picture(
        "glacier-front",
        "Glacier front",
        "The white and blue face of a glacier meeting dark water, with pieces of ice floating in front.",
        "Dateline/Mei Lin Tan",
        "The glacier's front has retreated by about 30 metres a year over the last decade.",
    ),
    Picture(
        "wind-farm",
        "Wind turbines on the hills",
        "Five white wind turbines on green rolling hills under a blue sky.",
        "Meridian",
        "Turbines on the ridge above the village.",
    ),
    Picture(
        "railway-station",
        "Railway platform",
        "An empty railway platform under an arched roof, with tracks running towards a bright opening.",
        "Dateline/Lukas Brandt",
        "The station was almost empty on the first morning of the strike.",
    ),
    Picture(
        "road-race",
        "Road race through the fields",
        "Cyclists in coloured jerseys on a winding road through green and yellow fields.",
        "Nordwire/Erik Lund",
        "The bunch on the winding road of the third stage.",
    ),
    Picture(
        "coffee-terraces",
        "Coffee terraces",
        "Terraced rows of coffee plants on misty green hillsides.",
        "Dateline/Ana Ruiz",
        "Coffee terraces in the hills, where growers expect a smaller harvest this year.",
    ),
    Picture(
        "observatory",
        "Observatory under the stars",
        "An observatory dome on a dark hill under a sky full of stars and the band of the Milky Way.",
        "Dateline/Samuel Okafor",
        "The observatory's dome opens on clear nights from April to October.",
    ),
    Picture(
        "river-delta",
        "River delta from above",
        "Blue river channels winding across green land, seen from the air.",
        "Meridian",
        "Channels of the delta photographed from a survey flight.",
    ),
    Picture(
        "summit-hall",
        "Conference hall with flags",
        "A row of national flags behind a wooden podium in a conference hall with rows of dark seats.",
        "Meridian",
        "Delegates' seats stand empty before the opening session.",
    ),
    Picture(
        "fishing-boats",
        "Fishing boats at sea",
        "Small coloured fishing boats on a calm blue sea in the morning, with gulls overhead.",
        "Dateline/Ana Ruiz",
        "Boats head back to port after a night's fishing.",
    ),
]

STORIES = [
    Story(
        slug="river-basin-talks-resume-in-geneva",
        section="world",
        kind="news",
        place="Geneva",
        authors=("claire-fontaine",),
        editor="david-mensah",
        photo="summit-hall",
        tags=("diplomacy", "water", "climate"),
        headline="Six river nations return to the table in Geneva after a two-year freeze",
        standfirst="Negotiators will try to agree how much water each country may draw in dry years, a question "
        "that collapsed the last round.",
        body=(
            p(
                "Delegations from the six countries that share the Aruma river basin sat down in Geneva on Monday "
                "for the first formal talks since the previous round broke up without a statement two years ago."
            ),
            p(
                "At stake is a formula for dividing the river's flow in drought years. Downstream states want "
                "guaranteed minimum volumes written into the treaty; upstream states, which are building "
                "reservoirs, want the shares to follow rainfall."
            ),
            q(
                "Nobody here expects a treaty this week. What we need is a number everybody can live with in "
                "a bad year, because bad years are coming more often.",
                "Helena Varga, the mediator appointed by the basin commission",
            ),
            h("A drier decade"),
            p(
                "Hydrologists attached to the commission presented data showing that four of the last seven "
                "dry seasons fell below the level the 1998 agreement was designed for."
            ),
            p(
                "Diplomats said the mood was more constructive than in the last round, helped by a technical "
                "annex on flow measurement that all six delegations accepted in advance."
            ),
        ),
        update="Late on Monday the commission said working groups on measurement and on drought triggers would "
        "meet every day this week, with ministers due to join on Friday.",
    ),
    Story(
        slug="lima-fishing-fleet-stays-in-port",
        section="americas",
        kind="news",
        place="Lima",
        authors=("ana-ruiz",),
        editor="lucia-paredes",
        photo="fishing-boats",
        tags=("fisheries", "oceans", "economy", "climate"),
        headline="Peru's anchovy fleet stays in port as warm water pushes shoals south",
        standfirst="The first fishing season of the year has been postponed after surveys found too many young "
        "fish, hitting an industry that employs tens of thousands along the coast.",
        body=(
            p(
                "Hundreds of industrial fishing boats remained moored along Peru's coast on Tuesday after the "
                "production ministry postponed the opening of the anchovy season."
            ),
            p(
                "A research cruise found that juvenile fish made up more than half of the catch samples, well "
                "above the limit at which fishing is allowed to start. Scientists linked the shift to a band of "
                "unusually warm water off the northern coast."
            ),
            q(
                "We have crews who have not been paid since January. We understand the science, but the state "
                "has to understand that people need to eat.",
                "Jorge Paucar, who leads a union of fishing crews in Chimbote",
            ),
            h("Fishmeal prices climb"),
            p(
                "Peru is one of the world's largest producers of fishmeal, used to feed farmed salmon and pigs. "
                "Traders said prices had risen by about a tenth since the survey results were published."
            ),
            p(
                "The ministry said a second survey would be carried out in three weeks and that small-scale "
                "fishers, who supply the domestic market, were not affected by the decision."
            ),
        ),
    ),
    Story(
        slug="comet-fragment-samples-reach-earth",
        section="science",
        kind="news",
        place="",
        authors=("samuel-okafor",),
        editor="ingrid-solberg",
        photo="observatory",
        tags=("space", "research", "astronomy"),
        headline="Capsule carrying comet dust lands safely after a seven-year round trip",
        standfirst="Researchers say the 40 grams of material could show whether comets delivered much of the "
        "water in Earth's oceans.",
        body=(
            p(
                "A heat-shielded capsule the size of a kitchen oven came down under its parachute in a desert "
                "recovery zone early on Sunday, ending a seven-year mission to a small comet."
            ),
            p(
                "The spacecraft scooped dust from the comet's surface during a touch-and-go manoeuvre three "
                "years ago. Engineers had feared the sample container had not sealed properly."
            ),
            q(
                "The seal held. That means we get to study material that has not been changed by our "
                "atmosphere, which is the whole point of going there.",
                "Dr Imani Osei, the mission's lead sample scientist",
            ),
            h("What comes next"),
            p(
                "The capsule will be flown to a clean-room facility, where the first grains will be examined "
                "within weeks. A quarter of the sample will be kept untouched for future instruments."
            ),
            p(
                "Of particular interest is the ratio of heavy to ordinary hydrogen in the comet's ice, which "
                "scientists will compare with the water in Earth's oceans."
            ),
        ),
    ),
    Story(
        slug="nairobi-marathon-course-record",
        section="sport",
        kind="news",
        place="Nairobi",
        outlet="Nordwire",
        authors=(),
        editor="rafael-quintero",
        photo="running-track",
        tags=("athletics", "marathons", "Kenya"),
        headline="Wairimu breaks the Nairobi course record by more than a minute",
        standfirst="The 24-year-old ran alone for the last ten kilometres and finished in 2:19:40 despite "
        "a strong headwind on the final climb.",
        body=(
            p(
                "Faith Wairimu broke the women's course record at the Nairobi City Marathon on Sunday, pulling "
                "away from a leading group of six at the 32-kilometre mark."
            ),
            p(
                "Her time of 2:19:40 took 71 seconds off the previous best, set four years ago. Her training "
                "partner Mercy Chebet finished second, almost three minutes behind."
            ),
            q(
                "I told myself to run the hill as if it was the first kilometre. My coach said the record was "
                "possible only if I was brave there.",
                "Faith Wairimu",
            ),
            h("Men's race decided in a sprint"),
            p(
                "The men's race was closer. Daniel Kiprono outsprinted two rivals on the last straight to win in "
                "2:08:12, with the first three separated by four seconds."
            ),
        ),
    ),
    Story(
        slug="brussels-rail-strike-second-day",
        section="europe",
        kind="news",
        place="Brussels",
        authors=("lukas-brandt",),
        editor="ingrid-solberg",
        photo="railway-station",
        tags=("transport", "labour", "economy"),
        headline="Belgian rail strike enters second day as talks on pensions stall",
        standfirst="Only one train in five ran on Wednesday. Unions say they will not return to work until "
        "the government withdraws a plan to raise the retirement age for drivers.",
        body=(
            p(
                "Commuters in Brussels faced a second day of cancelled trains on Wednesday as a national rail "
                "strike over pension reform continued, with no new talks scheduled."
            ),
            p(
                "The rail operator said about 20% of services were running, mostly on intercity lines between "
                "the largest cities. International high-speed services were less affected."
            ),
            q(
                "Our members start work at four in the morning and finish at midnight. Asking them to do that "
                "for three more years is not reform, it is exhaustion.",
                "Marc De Smet, spokesperson for the train drivers' union",
            ),
            h("Employers count the cost"),
            p(
                "Business groups estimated the cost of each strike day at several million euros, pointing to "
                "staff who could not reach factories and ports."
            ),
            p(
                "The transport minister said the government remained open to discussing transition periods but "
                "would not drop the plan."
            ),
        ),
        update="On Wednesday evening both sides agreed to meet a mediator on Thursday morning. The strike "
        "remains in place for now.",
    ),
    Story(
        slug="havana-power-cuts-solar-plan",
        section="americas",
        kind="analysis",
        place="Havana",
        authors=("tomas-herrera",),
        editor="lucia-paredes",
        photo="solar-farm",
        tags=("energy", "economy", "climate"),
        headline="Can solar parks end Cuba's blackouts? The numbers say not on their own",
        standfirst="The government wants dozens of new solar parks within two years. Without storage, they "
        "will mostly help during the hours when demand is lowest.",
        body=(
            p(
                "Few topics dominate conversations in Havana like the apagones, the scheduled power cuts that "
                "can last eight hours a day in some provinces. The government's answer is solar power, and a "
                "lot of it."
            ),
            p(
                "Officials have announced plans to connect dozens of new solar parks to the grid within two "
                "years, roughly doubling the island's installed capacity. Several are already under "
                "construction with foreign financing."
            ),
            h("The evening problem"),
            p(
                "The difficulty is timing. Demand peaks after sunset, when families cook and switch on fans. "
                "Without large batteries, solar parks cannot help then, and ageing oil-fired plants must still "
                "carry the load."
            ),
            q(
                "Solar will reduce the fuel the plants burn at midday, and that matters for a country that "
                "imports its oil. But the evening peak needs storage, and storage costs money Cuba does not have.",
                "Yanet Morales, an energy economist in Havana",
                source="Radio Caribe Sur",
            ),
            p(
                "Engineers also point to the state of the transmission network, where losses are high and "
                "breakdowns frequent. New generation does little good if the lines cannot carry it."
            ),
            p(
                "Still, even critics concede that each new park means less fuel to import. For households, the "
                "real test will be whether the evening cuts get shorter by next summer."
            ),
        ),
    ),
    Story(
        slug="geneva-vaccine-stockpile-agreement",
        section="world",
        kind="news",
        place="Geneva",
        authors=("claire-fontaine",),
        editor="david-mensah",
        photo="laboratory",
        tags=("health", "diplomacy", "humanitarian", "vaccines"),
        headline="Health ministers agree shared vaccine stockpile for outbreaks in poorer countries",
        standfirst="The reserve will hold enough doses for 30 million people and be released within ten days "
        "of a confirmed outbreak.",
        body=(
            p(
                "Health ministers meeting in Geneva agreed on Thursday to build a shared stockpile of vaccines "
                "against three diseases that regularly cause outbreaks in low-income countries."
            ),
            p(
                "Under the plan, manufacturers will hold the doses in reserve and a panel of experts will be "
                "able to release them within ten days of an outbreak being confirmed."
            ),
            q(
                "In the last outbreak, it took seven weeks to get doses to the first district. Seven weeks is "
                "the difference between a few hundred cases and a few thousand.",
                "Dr Amara Diallo, who chaired the negotiations",
            ),
            h("Who pays"),
            p(
                "Funding remains the open question. Wealthier countries pledged about two-thirds of the "
                "estimated cost for the first three years; the rest is expected from philanthropic foundations."
            ),
        ),
    ),
    Story(
        slug="andes-glacier-retreat-study",
        section="science",
        kind="news",
        place="La Paz",
        authors=("mei-lin-tan", "ana-ruiz"),
        editor="ingrid-solberg",
        photo="glacier-front",
        tags=("climate", "water", "research"),
        headline="Andean glaciers are shrinking faster than models predicted, survey finds",
        standfirst="Researchers measured 120 glaciers over fifteen years. Cities that rely on meltwater in "
        "the dry season have less time to adapt than they thought.",
        body=(
            p(
                "Tropical glaciers in the Andes lost ice about 30% faster between 2009 and 2024 than the "
                "climate models used in national water plans had assumed, according to a study published on "
                "Wednesday."
            ),
            p(
                "The team combined satellite images with measurements taken on foot at 120 glaciers in Peru, "
                "Bolivia and Ecuador. Smaller glaciers below 5,000 metres fared worst."
            ),
            photo("mountain-ridge", "Peaks in the Cordillera Real, where several small glaciers have vanished."),
            q(
                "La Paz and El Alto get a large share of their dry-season water from ice. The planning horizon "
                "for replacing that water is now closer to ten years than thirty.",
                "Prof. Rosa Mamani, glaciologist and co-author of the study",
            ),
            h("Adapting the water supply"),
            p(
                "City water companies in the region have begun building reservoirs to capture rainy-season "
                "runoff, but engineers say these projects take a decade or more to finish."
            ),
            p("The authors call for more monitoring stations at high altitude, where data remain sparse."),
        ),
    ),
    Story(
        slug="european-champions-cup-semi-final",
        section="sport",
        kind="news",
        place="Lisbon",
        authors=("rafael-quintero",),
        editor="ingrid-solberg",
        photo="stadium-at-night",
        tags=("football", "Champions Cup", "Portugal"),
        headline="Ten-man Porto Verde hold on to reach the Champions Cup final",
        standfirst="A first-half goal from Inês Carvalho was enough after the hosts lost their captain to a "
        "red card before the break.",
        body=(
            p(
                "Porto Verde reached their first continental final in 19 years on Tuesday, holding on for a "
                "1-0 win over Union Nordhafen despite playing the whole second half with ten players."
            ),
            p(
                "Inês Carvalho scored in the 28th minute, turning in a low cross at the near post. Captain "
                "Tiago Mendes was sent off ten minutes later for a second yellow card."
            ),
            q(
                "We defended with our hearts and with our heads. I have never seen this stadium like tonight.",
                "Porto Verde coach Sofia Almeida",
            ),
            h("Visitors rue missed chances"),
            p(
                "Nordhafen hit the post twice and had a late goal ruled out for offside after a video review. "
                'Their coach said his side had been "too slow in the first half and too hurried in the second".'
            ),
            p("The final will be played in three weeks in Vienna."),
        ),
        update="European football's governing body confirmed on Wednesday that Mendes will serve a one-match ban "
        "and miss the final.",
    ),
    Story(
        slug="eu-budget-farm-subsidies-row",
        section="europe",
        kind="analysis",
        place="Brussels",
        authors=("lukas-brandt",),
        editor="david-mensah",
        photo="parliament",
        tags=("agriculture", "economy", "politics"),
        headline="Why the fight over farm money will decide the next EU budget",
        standfirst="Farm subsidies still take about a third of the budget. Every euro the Commission wants "
        "for defence and industry has to come from somewhere.",
        body=(
            p(
                "When the European Commission publishes its proposal for the next long-term budget, most "
                "attention will go to new priorities such as defence and clean industry. The real fight will "
                "be over an old one: farming."
            ),
            p(
                "Direct payments to farmers and rural development still account for roughly a third of EU "
                "spending. Several net-contributor governments want that share cut; farm ministers from the "
                "south and east want it protected."
            ),
            h("The tractor factor"),
            p(
                "Protests by farmers in several capitals over the past two years have made governments "
                "cautious. No leader wants to be blamed for cutting payments before an election."
            ),
            q(
                "Everyone agrees the budget should do new things. Nobody agrees to stop doing old things. That "
                "is the whole negotiation in one sentence.",
                "a senior diplomat from a net-contributor country",
            ),
            p(
                "One option under discussion is to merge farm funds into national envelopes that governments "
                "would spend as they chose. Farm lobbies fear that would expose them to domestic cuts."
            ),
            p(
                "Whatever the outcome, the negotiation is likely to take two years and end, as usual, at a "
                "summit that runs through the night."
            ),
        ),
    ),
    Story(
        slug="kenya-tea-auction-prices-fall",
        section="world",
        kind="news",
        place="Mombasa",
        authors=("grace-wanjiru",),
        editor="david-mensah",
        photo="coffee-terraces",
        tags=("agriculture", "trade", "economy"),
        headline="Tea prices slide at Mombasa auction as buyers wait for better quality leaf",
        standfirst="Heavy rains raised volumes but lowered quality, and average prices fell for the fifth week "
        "in a row.",
        body=(
            p(
                "Average prices at the weekly tea auction in Mombasa fell for a fifth straight week on Tuesday "
                "as buyers held back from lower-grade teas produced during the long rains."
            ),
            p(
                "Brokers said volumes were up by nearly a fifth on the same period last year, but much of the "
                "leaf was of medium quality, for which demand from the main importing countries is weak."
            ),
            q(
                "When it rains this much the bushes grow fast and the leaf is thin. Buyers know that and they "
                "are patient.",
                "Peter Njoroge, a tea broker in Mombasa",
            ),
            h("Smallholders feel the squeeze"),
            p(
                "About 600,000 smallholder farmers grow tea in Kenya. Factory managers said monthly payments to "
                "growers would fall if prices did not recover before the end of the quarter."
            ),
        ),
    ),
    Story(
        slug="interview-chilean-seismologist",
        section="science",
        kind="interview",
        place="Santiago",
        authors=("samuel-okafor",),
        editor="ingrid-solberg",
        photo="city-in-rain",
        tags=("earthquakes", "research", "technology"),
        headline="'An alert of ten seconds is enough to stop a train': a seismologist on early warnings",
        standfirst="Chile has rolled out phone alerts that arrive before the shaking does. We asked the "
        "scientist who designed the algorithm how they work and where they fail.",
        body=(
            p(
                "Dr Valentina Rojas leads the team that built Chile's national earthquake early-warning "
                "algorithm. She spoke to Dateline in Santiago; the interview has been edited for length."
            ),
            qa(
                "How can an alert arrive before an earthquake?",
                "It cannot arrive before the earthquake, only before the strong shaking. The first waves travel "
                "faster and do little damage. If we detect them near the coast, people in Santiago can get "
                "between five and twenty seconds of warning.",
            ),
            qa(
                "Is that enough time to matter?",
                "Ten seconds is enough to stop a train, open fire station doors, get away from windows or "
                "step out from under a shelf. Surgeons can lift the scalpel. It is not enough to evacuate a "
                "building, and we never say it is.",
            ),
            h("False alarms"),
            qa(
                "What happens when the system gets it wrong?",
                "Every false alarm costs trust. We would rather send a few alerts too many for moderate "
                "earthquakes than miss a big one, but we publish every error and explain it.",
            ),
            q(
                "The best alert system is useless if people do not know what to do in those ten seconds.",
                "Dr Valentina Rojas",
            ),
        ),
    ),
    Story(
        slug="montevideo-wind-power-record",
        section="americas",
        kind="news",
        place="Montevideo",
        outlet="Meridian",
        editor="lucia-paredes",
        photo="wind-farm",
        tags=("energy", "climate", "wind power", "Uruguay"),
        headline="Uruguay runs its grid on wind and water alone for a full week",
        standfirst="No fossil-fuel plant was switched on for seven days, the grid operator said, a first for "
        "the country in winter.",
        body=(
            p(
                "Uruguay's electricity grid ran for seven consecutive days without any power from fossil fuels, "
                "the national grid operator said on Monday, relying on wind farms, hydroelectric dams and "
                "biomass plants."
            ),
            p(
                "Wind supplied just over half of the electricity consumed during the week, helped by a series "
                "of cold fronts that brought steady winds across the country's southern plains."
            ),
            q(
                "Ten years ago a week like this would have been unthinkable in winter. Now we plan for it.",
                "a spokesperson for the grid operator",
            ),
            h("Exports to neighbours"),
            p(
                "Surplus power was sold to neighbouring grids on several nights. The operator said export "
                "income had helped keep household tariffs unchanged this year."
            ),
        ),
    ),
    Story(
        slug="opinion-local-news-deserts",
        section="world",
        kind="opinion",
        authors=("david-mensah",),
        editor="ingrid-solberg",
        tags=("media", "democracy", "local government"),
        headline="When the local paper closes, the whole town pays",
        standfirst="Studies keep finding the same thing: without local reporters, borrowing costs rise, "
        "turnout falls and nobody checks the council's sums.",
        body=(
            p(
                "Every year, dozens of towns lose the last newsroom that covered their council meetings, court "
                "hearings and school boards. The loss is easy to miss, because what disappears is news that "
                "would have been written."
            ),
            p(
                "Researchers have tried to measure it. Towns that lose their paper tend to see fewer candidates "
                "standing for local office, lower turnout and, in several studies, higher borrowing costs for "
                "the municipality, because lenders price in the lack of scrutiny."
            ),
            h("Not a nostalgia problem"),
            p(
                "This is not about ink on paper. A town can be well served by a website, a radio station or a "
                "newsletter, as long as someone is paid to sit through the meeting and ask the second question."
            ),
            q(
                "Nobody reads the minutes. That is why somebody has to.",
                "a retired editor of a small-town weekly",
                source="The Lakeside Courier",
            ),
            p(
                "The fixes are not mysterious: non-profit newsrooms, public funds distributed at arm's length, "
                "and readers who pay for what they value. What they need is for more of us to notice what we "
                "lose when the reporter's chair is empty."
            ),
        ),
        comments_open=True,
    ),
    Story(
        slug="cycling-tour-stage-three-crosswind",
        section="sport",
        kind="news",
        place="Valladolid",
        authors=("rafael-quintero",),
        editor="ingrid-solberg",
        photo="road-race",
        tags=("cycling", "road racing", "Spain"),
        headline="Crosswinds split the bunch as Lindqvist takes the lead on stage three",
        standfirst="Several favourites lost more than a minute when the race turned into the wind with 40 "
        "kilometres to go.",
        body=(
            p(
                "Sweden's Oskar Lindqvist took the overall lead on the third stage on Thursday after his team "
                "split the peloton in crosswinds on the open plains north of Valladolid."
            ),
            p(
                "About 25 riders made the front group. Two of the pre-race favourites were caught behind and "
                "finished one minute and 14 seconds down."
            ),
            photo("wind-farm", "Wind turbines line the ridge above the final 40 kilometres of the stage."),
            q(
                "We looked at the forecast last night and decided that if the wind came from the left, we go. "
                "It came from the left.",
                "Oskar Lindqvist",
            ),
            h("Sprinters miss out"),
            p(
                "The stage was expected to end in a bunch sprint. Instead, Belgian Jens Maes won from the "
                "front group, ahead of Lindqvist, who picked up bonus seconds."
            ),
            p("Friday's fourth stage is the first in the mountains."),
        ),
    ),
    Story(
        slug="nordic-data-centre-heat-reuse",
        section="europe",
        kind="news",
        place="Oslo",
        authors=("mei-lin-tan",),
        editor="lukas-brandt",
        photo="city-in-rain",
        tags=("energy", "technology", "climate"),
        headline="Data centres must pipe their waste heat into city networks under new Norwegian rules",
        standfirst="New large data centres will have to connect to district heating where a network is within "
        "reach, the energy ministry said.",
        body=(
            p(
                "Operators planning large data centres in Norway will have to offer their waste heat to nearby "
                "district heating networks under rules presented by the energy ministry on Friday."
            ),
            p(
                "The requirement applies to new facilities above two megawatts of capacity within a set "
                "distance of an existing network. Operators will be paid for the heat at a regulated price."
            ),
            q(
                "Today we cool these buildings and throw the heat into the air, while a few hundred metres away "
                "we burn fuel to warm homes. That makes no sense.",
                "the state secretary for energy",
            ),
            h("Industry cautious"),
            p(
                "An industry association said it supported heat reuse in principle but warned that the cost of "
                "connection should not fall on operators alone."
            ),
        ),
    ),
    Story(
        slug="bogota-metro-line-opening-date",
        section="americas",
        kind="news",
        place="Bogotá",
        authors=("ana-ruiz",),
        editor="lucia-paredes",
        photo="railway-station",
        tags=("transport", "cities", "Colombia"),
        headline="Bogotá sets an opening date for its first metro line after decades of delays",
        standfirst="The elevated line will carry passengers from the south-west of the city to its centre "
        "from next year, the city said.",
        body=(
            p(
                "Bogotá's first metro line will open to passengers early next year, the city's mayor said on "
                "Saturday, ending a wait that has spanned more than half a century of plans and cancellations."
            ),
            p(
                "The 24-kilometre elevated line has 16 stations and is designed to carry up to 72,000 "
                "passengers an hour in each direction. Test trains began running on a first section last month."
            ),
            q(
                "My grandmother heard promises of a metro. My mother heard them. I will be the first in my "
                "family to ride it.",
                "Laura Gómez, a student waiting at a bus stop on the future route",
            ),
            h("Connecting the bus network"),
            p(
                "City planners say the line's success will depend on how well it connects with the TransMilenio "
                "bus network, which carries more than two million trips a day."
            ),
        ),
    ),
    Story(
        slug="deep-sea-mining-moratorium-vote",
        section="world",
        kind="analysis",
        place="Kingston",
        authors=("mei-lin-tan", "claire-fontaine"),
        editor="david-mensah",
        photo="harbour-at-dusk",
        tags=("oceans", "mining", "diplomacy", "climate"),
        headline="The seabed is the next frontier for battery metals. Who decides if it is opened?",
        standfirst="Governments meeting in Kingston will again try to agree rules for mining the ocean floor. "
        "A growing group wants a pause first.",
        body=(
            p(
                "Lying on the floor of the Pacific are billions of potato-sized lumps rich in nickel, cobalt and "
                "manganese, metals used in batteries. Whether anyone may collect them commercially is being "
                "negotiated in Kingston, Jamaica."
            ),
            p(
                "The body that regulates mining in international waters has spent more than a decade drafting "
                "a mining code. Companies want certainty; a growing group of governments wants a precautionary "
                "pause until scientists know more about the ecosystems at stake."
            ),
            h("What science knows, and does not"),
            p(
                "Biologists say most species collected in the target areas are new to science. Mining would "
                "remove the nodules on which many of them live, and sediment plumes could spread far beyond "
                "the mined area."
            ),
            q(
                "We are being asked to set the rules for an ecosystem we have barely photographed.",
                "a marine biologist advising one of the delegations",
                source="Nordic Science Weekly",
            ),
            p(
                "Supporters argue that land mines for the same metals also cause damage, often in places with "
                "weak protection for workers and communities."
            ),
            p(
                "Diplomats expect no final decision this session. The question is whether the talks produce a "
                "code, a pause, or another year of drafts."
            ),
        ),
    ),
    Story(
        slug="lisbon-housing-rent-cap",
        section="europe",
        kind="news",
        place="Lisbon",
        outlet="Meridian",
        editor="lukas-brandt",
        photo="city-in-rain",
        tags=("housing", "cities", "economy"),
        headline="Portugal caps rent rises for three years as housing costs outpace wages",
        standfirst="New leases in the largest cities may not rise by more than 2% a year. Landlords' groups "
        "call the measure counterproductive.",
        body=(
            p(
                "Portugal's parliament approved a three-year cap on rent increases on Thursday, limiting annual "
                "rises to 2% for existing tenants and tying new leases in high-pressure areas to a reference price."
            ),
            p(
                "Rents in Lisbon have roughly doubled over a decade, while average wages rose by about a third, "
                "according to figures cited in the debate."
            ),
            q(
                "A nurse in Lisbon now spends two-thirds of her salary on a one-bedroom flat. That is not a "
                "market, it is an emergency.",
                "a deputy from the governing party",
            ),
            h("Fears for supply"),
            p(
                "Landlords' associations warned that owners would take flats off the long-term market and "
                "turn them into holiday lets, and called for tax incentives to build instead."
            ),
        ),
    ),
    Story(
        slug="malaria-vaccine-rollout-results",
        section="science",
        kind="news",
        place="Kigali",
        authors=("grace-wanjiru",),
        editor="ingrid-solberg",
        photo="laboratory",
        tags=("health", "research", "vaccines", "malaria"),
        headline="Child deaths from malaria fell by a fifth in districts using the new vaccine",
        standfirst="First results from a large roll-out show a drop in hospital admissions and deaths among "
        "children under five.",
        body=(
            p(
                "Deaths from malaria among young children fell by about a fifth in districts that introduced a "
                "new vaccine, compared with similar districts still waiting for it, health researchers said."
            ),
            p(
                "The data cover 18 months and about 400,000 children. Hospital admissions for severe malaria "
                "fell by nearly a third."
            ),
            q(
                "These are not trial conditions. These are ordinary clinics, with the usual shortages and "
                "long walks, and the vaccine still works.",
                "Dr Jean-Paul Habimana, who led the evaluation",
            ),
            h("Four doses, one problem"),
            p(
                "The vaccine needs four doses, and the share of children receiving the last one was much lower "
                "than for the first three. Researchers said reminders by text message had helped in some districts."
            ),
            p("Bed nets and other measures remain essential, the authors stressed."),
        ),
    ),
    Story(
        slug="interview-havana-baseball-coach",
        section="sport",
        kind="interview",
        place="Havana",
        authors=("tomas-herrera",),
        editor="rafael-quintero",
        photo="stadium-at-night",
        tags=("baseball", "Cuba", "youth sport"),
        headline="'We train players for the whole world now': a Havana coach on keeping talent at home",
        standfirst="Coach Ernesto Valdés has sent dozens of players to leagues abroad. He talks about what "
        "that means for baseball on the island.",
        body=(
            p(
                "Ernesto Valdés has coached youth baseball in Havana for 30 years. We spoke at the training "
                "ground where he works six days a week. The conversation was translated from Spanish and "
                "shortened."
            ),
            qa(
                "How has your job changed?",
                "When I started, the best boys played for their province and the national team. Now I know that "
                "the best ones will probably play abroad. We train players for the whole world now.",
            ),
            qa(
                "Does that hurt the league at home?",
                "Of course. Fans want to see the stars. But you cannot ask a 19-year-old to refuse a contract that "
                "would change his family's life. My job is to make the next one.",
            ),
            h("Balls, bats and gloves"),
            qa(
                "What do you need most?",
                "Equipment. A good glove lasts years; we share them. Some former players send boxes of balls. "
                "That helps more than speeches.",
            ),
            q(
                "Aquí el béisbol no es un deporte, es una manera de conversar.",
                "Ernesto Valdés",
                language="es",
            ),
        ),
    ),
    Story(
        slug="quito-volcano-alert-raised",
        section="americas",
        kind="news",
        place="Quito",
        authors=("ana-ruiz",),
        editor="ingrid-solberg",
        photo="mountain-ridge",
        tags=("volcanoes", "disasters", "Ecuador"),
        headline="Ecuador raises alert level as volcano south of Quito shows new activity",
        standfirst="Scientists recorded an increase in small earthquakes and gas emissions. Villages on the "
        "volcano's flanks have been told to prepare for evacuation.",
        body=(
            p(
                "Ecuador's geophysics institute raised the alert level for a volcano south of Quito to orange on "
                "Friday after recording a sharp increase in seismic activity over three days."
            ),
            p(
                "Monitoring stations detected more than 200 small earthquakes a day beneath the summit, along "
                "with higher levels of sulphur dioxide."
            ),
            q(
                "An orange alert does not mean an eruption is certain. It means the volcano is behaving "
                "differently and people must be ready.",
                "a volcanologist at the geophysics institute",
            ),
            h("Schools closed on the flanks"),
            p(
                "Authorities closed schools in six villages and opened shelters in the nearest town. Airlines "
                "were told to watch for ash advisories."
            ),
        ),
        update="On Saturday the institute reported a small ash emission lasting about 20 minutes. Light ash "
        "fell on two villages; no injuries were reported.",
    ),
    Story(
        slug="opinion-sport-and-heat",
        section="sport",
        kind="opinion",
        authors=("rafael-quintero",),
        editor="david-mensah",
        photo="running-track",
        tags=("athletics", "climate", "health"),
        headline="Sport has to stop pretending summer is the same as it used to be",
        standfirst="Marathons at noon and football at three in the afternoon in July are an avoidable risk "
        "to athletes and fans alike.",
        body=(
            p(
                "Every summer, we watch athletes collapse in conditions that organisers knew were coming. Heat "
                "is not a surprise. It is on the calendar."
            ),
            p(
                "Some federations have acted: earlier start times, cooling breaks, wet-bulb thresholds that "
                "trigger postponements. Too many have not, because television slots and sponsors prefer the "
                "afternoon."
            ),
            h("The fans are at risk too"),
            p(
                "The people in the stands get little attention. A crowd of 40,000 at the hottest hour of the "
                "day is a public health event, whatever the score."
            ),
            q(
                "We measure the heat on the track every ten minutes. The rule book should say what happens "
                "when the number gets too high, not leave it to whoever is in charge that day.",
                "a sports physician who works with national athletics teams",
            ),
            p("Moving a kick-off by four hours costs money. Carrying an athlete off on a stretcher costs more."),
        ),
    ),
    Story(
        slug="iceland-geothermal-greenhouses",
        section="europe",
        kind="news",
        place="Reykjavík",
        outlet="Nordwire",
        editor="lukas-brandt",
        photo="glacier-front",
        tags=("energy", "agriculture", "food", "Iceland"),
        headline="Iceland's geothermal greenhouses to triple tomato output",
        standfirst="Cheap heat from the ground lets growers compete with imports, but electricity for lamps "
        "remains the biggest cost.",
        body=(
            p(
                "Growers in Iceland plan to triple the country's output of tomatoes and cucumbers within five "
                "years, using geothermal heat and new LED lighting, an industry group said on Tuesday."
            ),
            p(
                "Greenhouses already supply most of the country's cucumbers but only about a fifth of its "
                "tomatoes, with the rest imported by air and sea."
            ),
            q(
                "The heat is almost free. The light is not. Winter days here are four hours long.",
                "the chair of the growers' association",
            ),
            h("Power prices"),
            p(
                "Growers want a lower electricity tariff for horticulture, arguing that local food cuts "
                "transport emissions. The government said it would study the request."
            ),
        ),
    ),
    Story(
        slug="addis-ababa-refugee-funding-gap",
        section="world",
        kind="news",
        place="Addis Ababa",
        authors=("grace-wanjiru", "claire-fontaine"),
        editor="david-mensah",
        photo="market-stalls",
        tags=("migration", "humanitarian", "health"),
        headline="Food rations for refugees in East Africa to be cut by a third as funds run short",
        standfirst="Aid agencies say they have received less than half of what they asked for this year and "
        "must reduce rations from next month.",
        body=(
            p(
                "Refugees in camps across East Africa will receive a third less food from next month, aid "
                "agencies said on Monday, citing a sharp shortfall in donor funding."
            ),
            p(
                "The region hosts more than four million refugees, many of whom depend almost entirely on "
                "rations. Agencies said they had received 46% of the funds requested for the year."
            ),
            q(
                "We are choosing between feeding fewer people or feeding everyone less. Neither is acceptable, "
                "and both are happening.",
                "a regional director of a food aid agency",
            ),
            h("Malnutrition rising"),
            p(
                "Screening in several camps already shows rising rates of acute malnutrition among children "
                "under five, health workers said."
            ),
            p("Donors are due to meet in Geneva next month to discuss the shortfall."),
        ),
    ),
    Story(
        slug="new-exoplanet-atmosphere-water",
        section="science",
        kind="analysis",
        authors=("samuel-okafor",),
        editor="ingrid-solberg",
        photo="observatory",
        tags=("space", "research", "astronomy"),
        headline="Water vapour on a distant planet: what the detection does and does not tell us",
        standfirst="Astronomers have found signs of water in the air of a planet twice the size of Earth. "
        "It is a milestone, not a sign of life.",
        body=(
            p(
                "A team of astronomers reported this week that they had detected water vapour in the atmosphere "
                "of a planet about twice Earth's size, orbiting a small red star 90 light years away."
            ),
            p(
                "The signal comes from starlight filtered through the planet's atmosphere as it passes in front "
                "of its star. Different molecules absorb different colours, leaving a chemical fingerprint."
            ),
            h("Why caution is warranted"),
            p(
                "Red dwarf stars are active, and spots on their surface can mimic the signature of water. The "
                "authors say they corrected for this, but other researchers want to see more observations."
            ),
            q(
                "It is a beautiful measurement. It is also one measurement, and this field has had to retract "
                "exciting claims before.",
                "an astronomer not involved in the study",
                source="Nordic Science Weekly",
            ),
            p(
                "Even if confirmed, water vapour says little about whether the planet has oceans, let alone "
                "life. Its surface could be far too hot."
            ),
            p(
                "What the result does show is that telescopes can now read the atmospheres of small, rocky "
                "worlds. That is the real news."
            ),
        ),
    ),
    Story(
        slug="mexico-city-water-rationing",
        section="americas",
        kind="news",
        place="Mexico City",
        outlet="Meridian",
        editor="lucia-paredes",
        photo="river-delta",
        tags=("water", "cities", "climate"),
        headline="Mexico City extends water rationing to a third of its neighbourhoods",
        standfirst="Reservoirs that supply the capital are at their lowest level in decades for the time of year.",
        body=(
            p(
                "Mexico City authorities extended scheduled water cuts to about a third of the capital's "
                "neighbourhoods on Wednesday, as the main reservoir system fell to its lowest level in decades "
                "for this time of year."
            ),
            p(
                "Affected households will receive piped water on alternate days. Tanker trucks will supply "
                "hospitals and schools."
            ),
            q(
                "We are asking everyone to use water as if every litre counted, because it does.",
                "the head of the city's water utility",
            ),
            h("A sinking city"),
            p(
                "Heavy pumping of groundwater has caused parts of the city to sink by several centimetres a "
                "year, damaging pipes and increasing leaks, engineers say."
            ),
        ),
    ),
    Story(
        slug="eu-youth-unemployment-falls",
        section="europe",
        kind="news",
        place="Luxembourg",
        authors=("lukas-brandt",),
        editor="ingrid-solberg",
        photo="parliament",
        tags=("economy", "labour", "education"),
        headline="Youth unemployment in the EU falls to its lowest level on record",
        standfirst="Fewer than one in seven young people in the labour force are out of work, but the gap "
        "between countries remains wide.",
        body=(
            p(
                "Unemployment among people under 25 in the European Union fell to its lowest level since "
                "comparable records began, the EU's statistics office said on Thursday."
            ),
            p(
                "The rate ranged from below 7% in the countries with strong apprenticeship systems to more than "
                "a quarter in parts of southern Europe."
            ),
            q(
                "The headline is good. Look underneath and you find many young people on short contracts that "
                "do not lead anywhere.",
                "a labour economist at a Brussels think tank",
            ),
            h("Fewer young people"),
            p(
                "Part of the fall reflects demographics: there are simply fewer young people entering the "
                "labour market than a decade ago, economists note."
            ),
        ),
    ),
    Story(
        slug="opinion-translation-newsroom",
        section="world",
        kind="opinion",
        authors=("lucia-paredes",),
        editor="david-mensah",
        tags=("media", "languages", "journalism"),
        headline="A newsroom that publishes in two languages learns to listen twice",
        standfirst="Translating our own stories every day has changed what we report, not just how we say it.",
        body=(
            p(
                "When we began publishing in Spanish as well as English, we thought of it as a translation job. "
                "It turned out to be an editing job, and then a reporting one."
            ),
            p(
                "A sentence that reads well in Brussels can be opaque in Lima. Explaining an acronym for one "
                "audience forces us to ask whether the other audience ever understood it either."
            ),
            h("Quotes in the original"),
            p(
                "We now keep quotes in the language in which they were spoken whenever we can, with a "
                "translation beside them. Readers tell us it feels more honest, and it is."
            ),
            q(
                "Traducir es leer con lupa.",
                "a translator on our Spanish desk",
                language="es",
            ),
            p(
                "The lesson is not about language at all. It is that every audience deserves a story written "
                "for it, not merely passed along to it."
            ),
        ),
    ),
    Story(
        slug="womens-football-league-attendance",
        section="sport",
        kind="analysis",
        authors=("rafael-quintero",),
        editor="ingrid-solberg",
        photo="stadium-at-night",
        tags=("football", "business", "women's sport"),
        headline="Crowds at women's league matches doubled in two seasons. Can clubs keep them?",
        standfirst="Bigger stadiums and better scheduling drew the fans. Keeping them will take investment "
        "that many clubs have not yet committed.",
        body=(
            p(
                "Average attendance in the top women's football league has doubled in two seasons, according "
                "to league figures, with several clubs moving games to their main stadiums."
            ),
            p(
                "Scheduling has helped: matches no longer clash with the men's fixtures, and kick-off times are "
                "set weeks in advance, making it easier for families to plan."
            ),
            h("The cost of growth"),
            p(
                "Yet most clubs still run their women's teams at a loss. Players on several squads combine "
                "football with other jobs, and training facilities lag behind."
            ),
            q(
                "The fans have shown up. Now the owners have to show up.",
                "a midfielder and players' union representative",
                source="Radio Deportiva del Sur",
            ),
            p(
                "Broadcast rights, sold separately for the first time this season, could decide whether growth "
                "lasts. The league expects to publish the figures next month."
            ),
        ),
    ),
    Story(
        slug="soil-carbon-farm-trial-results",
        section="science",
        kind="news",
        place="Nairobi",
        authors=("grace-wanjiru", "mei-lin-tan"),
        editor="ingrid-solberg",
        photo="coffee-terraces",
        tags=("agriculture", "climate", "research"),
        headline="Trees between crops raised maize yields and stored carbon, ten-year trial finds",
        standfirst="Farms that planted nitrogen-fixing trees among their maize harvested more and held more "
        "carbon in their soils.",
        body=(
            p(
                "Smallholder farms in Kenya that grew nitrogen-fixing trees between rows of maize harvested on "
                "average 28% more grain than neighbouring farms, a ten-year trial has found."
            ),
            p(
                "Soils on the participating farms also held significantly more carbon, the researchers reported, "
                "although the gains slowed after the first six years."
            ),
            q(
                "Farmers did not join for the carbon. They joined because the leaves feed the soil and the "
                "branches give them firewood.",
                "Dr Wanjiku Mwangi, the trial's lead agronomist",
            ),
            h("Scaling up"),
            p(
                "The authors caution that the benefits depend on rainfall and on farmers having secure rights to "
                "their land, since trees take years to pay off."
            ),
        ),
    ),
    Story(
        slug="caribbean-shipping-hurricane-season",
        section="americas",
        kind="analysis",
        place="Havana",
        authors=("tomas-herrera",),
        editor="lucia-paredes",
        photo="harbour-at-dusk",
        tags=("shipping", "climate", "trade"),
        headline="Ports brace for a hurricane season that forecasters expect to be busier than usual",
        standfirst="Warm seas raise the odds of strong storms. Caribbean ports have learned that the cost of "
        "a closure lasts long after the wind drops.",
        body=(
            p(
                "Forecasters expect an above-average Atlantic hurricane season, with sea temperatures across the "
                "Caribbean well above normal for the time of year."
            ),
            p(
                "For ports, a storm means days of closure, then weeks of backlog. Small islands that import most "
                "of their food and fuel feel shortages quickly."
            ),
            h("Lessons from last year"),
            p(
                "After last season, several port authorities invested in backup generators and agreed to share "
                "berths with neighbouring ports when one is forced to close."
            ),
            q(
                "The storm lasts a day. The queue of ships lasts a month.",
                "a harbour master in the eastern Caribbean",
                source="Radio Caribe Sur",
            ),
            p(
                "Insurers, meanwhile, have raised premiums for port infrastructure, a cost that ends up in the "
                "price of everything shipped in."
            ),
        ),
    ),
    Story(
        slug="cape-town-ocean-heatwave-kelp",
        section="science",
        kind="news",
        place="Cape Town",
        outlet="Meridian",
        editor="ingrid-solberg",
        photo="fishing-boats",
        tags=("oceans", "climate", "research"),
        headline="Marine heatwave damages kelp forests along South Africa's west coast",
        standfirst="Divers report large patches of dead kelp after weeks of unusually warm water.",
        body=(
            p(
                "A marine heatwave has damaged large areas of kelp forest along South Africa's west coast, "
                "researchers and divers said on Tuesday, after sea temperatures stayed several degrees above "
                "normal for weeks."
            ),
            p(
                "Kelp forests shelter fish, lobsters and abalone and protect the shore from waves. They usually "
                "recover from short warm spells, but repeated heatwaves leave less time to regrow."
            ),
            q(
                "Some patches look like someone switched the forest off.",
                "a diver who has surveyed the same reef for twelve years",
            ),
            h("Fishers worried"),
            p(
                "Small-scale fishers said catches of rock lobster had fallen in affected areas. Scientists plan "
                "to repeat surveys after the southern winter."
            ),
        ),
    ),
]

TRANSLATIONS = [
    Translation(
        source="river-basin-talks-resume-in-geneva",
        slug="seis-paises-retoman-negociacion-del-rio-en-ginebra",
        headline="Seis países ribereños vuelven a negociar en Ginebra tras dos años de bloqueo",
        standfirst="Los negociadores intentarán acordar cuánta agua puede tomar cada país en los años secos, la "
        "cuestión que hizo fracasar la ronda anterior.",
        tags=("diplomacia", "agua", "clima"),
        lead_caption="Los asientos de las delegaciones, vacíos antes de la sesión inaugural.",
        body=(
            p(
                "Las delegaciones de los seis países que comparten la cuenca del río Aruma se sentaron el lunes "
                "en Ginebra en la primera negociación formal desde que la ronda anterior terminó sin "
                "declaración hace dos años."
            ),
            p(
                "Está en juego una fórmula para repartir el caudal en los años de sequía. Los países río abajo "
                "quieren volúmenes mínimos garantizados en el tratado; los de río arriba, que construyen "
                "embalses, prefieren que las cuotas sigan a la lluvia."
            ),
            q(
                "Nadie espera un tratado esta semana. Lo que necesitamos es una cifra con la que todos puedan "
                "vivir en un mal año, porque los malos años llegan cada vez más a menudo.",
                "Helena Varga, mediadora designada por la comisión de la cuenca",
            ),
            h("Una década más seca"),
            p(
                "Los hidrólogos de la comisión presentaron datos según los cuales cuatro de las últimas siete "
                "estaciones secas quedaron por debajo del nivel para el que se diseñó el acuerdo de 1998."
            ),
            p(
                "Los diplomáticos describieron un ambiente más constructivo que en la ronda anterior, gracias a "
                "un anexo técnico sobre la medición del caudal que las seis delegaciones aceptaron de antemano."
            ),
        ),
    ),
    Translation(
        source="lima-fishing-fleet-stays-in-port",
        slug="la-flota-anchovetera-peruana-sigue-en-puerto",
        headline="La flota anchovetera peruana sigue en puerto porque el agua cálida desplaza los cardúmenes",
        standfirst="La primera temporada de pesca del año se aplazó al encontrarse demasiados ejemplares "
        "juveniles, un golpe para un sector que emplea a decenas de miles de personas en la costa.",
        tags=("pesca", "océanos", "economía"),
        lead_caption="Barcos de regreso a puerto después de una noche de pesca.",
        body=(
            p(
                "Cientos de barcos pesqueros industriales permanecían amarrados el martes a lo largo de la costa "
                "peruana después de que el ministerio de la Producción aplazara la apertura de la temporada de "
                "anchoveta."
            ),
            p(
                "Un crucero de investigación halló que los juveniles superaban la mitad de las muestras, muy por "
                "encima del límite que permite iniciar la pesca. Los científicos lo atribuyen a una franja de "
                "agua inusualmente cálida frente a la costa norte."
            ),
            q(
                "Tenemos tripulantes que no cobran desde enero. Entendemos la ciencia, pero el Estado tiene que "
                "entender que la gente necesita comer.",
                "Jorge Paucar, dirigente de un sindicato de pescadores de Chimbote",
            ),
            h("Sube la harina de pescado"),
            p(
                "El Perú es uno de los mayores productores de harina de pescado del mundo. Los comerciantes "
                "señalaron que el precio ha subido cerca de un 10 % desde que se publicaron los resultados."
            ),
            p(
                "El ministerio anunció una segunda evaluación dentro de tres semanas y aclaró que la pesca "
                "artesanal, que abastece el mercado interno, no se ve afectada."
            ),
        ),
    ),
    Translation(
        source="andes-glacier-retreat-study",
        slug="los-glaciares-andinos-se-reducen-mas-rapido-de-lo-previsto",
        headline="Los glaciares andinos se reducen más rápido de lo que preveían los modelos",
        standfirst="Un equipo midió 120 glaciares durante quince años. Las ciudades que dependen del deshielo en "
        "la estación seca tienen menos tiempo del que creían para adaptarse.",
        tags=("clima", "agua", "investigación"),
        lead_caption="El frente del glaciar retrocede unos 30 metros al año desde hace una década.",
        body=(
            p(
                "Los glaciares tropicales de los Andes perdieron hielo entre 2009 y 2024 alrededor de un 30 % más "
                "rápido de lo que suponían los modelos climáticos usados en los planes nacionales de agua, según "
                "un estudio publicado el miércoles."
            ),
            p(
                "El equipo combinó imágenes de satélite con mediciones a pie en 120 glaciares de Perú, Bolivia y "
                "Ecuador. Los glaciares pequeños, por debajo de los 5.000 metros, son los más afectados."
            ),
            q(
                "La Paz y El Alto obtienen buena parte de su agua de estiaje del hielo. El plazo para sustituir "
                "esa agua está ahora más cerca de diez años que de treinta.",
                "Rosa Mamani, glacióloga y coautora del estudio",
            ),
            h("Adaptar el abastecimiento"),
            p(
                "Las empresas de agua de la región han empezado a construir embalses para captar la escorrentía "
                "de la temporada de lluvias, pero los ingenieros advierten de que esas obras tardan una década "
                "o más."
            ),
        ),
    ),
    Translation(
        source="nairobi-marathon-course-record",
        slug="wairimu-bate-el-record-del-maraton-de-nairobi",
        headline="Wairimu bate el récord del maratón de Nairobi por más de un minuto",
        standfirst="La atleta de 24 años corrió sola los últimos diez kilómetros y terminó en 2:19:40 pese al "
        "viento en contra de la subida final.",
        tags=("atletismo", "maratón", "Kenia"),
        lead_caption="La pista renovada acogerá el campeonato regional en junio.",
        body=(
            p(
                "Faith Wairimu batió el domingo el récord femenino del Maratón de la Ciudad de Nairobi al "
                "despegarse de un grupo de seis corredoras en el kilómetro 32."
            ),
            p(
                "Su marca de 2:19:40 rebajó en 71 segundos la anterior, de hace cuatro años. Su compañera de "
                "entrenamiento Mercy Chebet fue segunda, a casi tres minutos."
            ),
            q(
                "Me dije que tenía que correr la cuesta como si fuera el primer kilómetro. Mi entrenador decía "
                "que el récord solo era posible si era valiente ahí.",
                "Faith Wairimu",
            ),
            h("Final al esprint en la carrera masculina"),
            p(
                "La prueba masculina fue más ajustada. Daniel Kiprono se impuso en la última recta con 2:08:12; "
                "los tres primeros llegaron separados por cuatro segundos."
            ),
        ),
    ),
]

SPANISH_ORIGINALS = [
    SpanishStory(
        Story(
            slug="la-habana-recupera-sus-cines-de-barrio",
            section="americas",
            kind="news",
            place="La Habana",
            authors=("tomas-herrera",),
            editor="lucia-paredes",
            photo="city-in-rain",
            tags=("cultura", "ciudades", "Cuba", "cine"),
            headline="La Habana recupera tres cines de barrio cerrados desde hace una década",
            standfirst="Vecinos, cineastas y una cooperativa de carpinteros reabrieron las salas con butacas "
            "restauradas y proyectores donados.",
            body=(
                p(
                    "Tres cines de barrio de La Habana que llevaban una década cerrados volvieron a abrir sus "
                    "puertas este fin de semana, después de dos años de obras financiadas en parte por los "
                    "propios vecinos."
                ),
                p(
                    "Una cooperativa de carpinteros restauró más de 600 butacas de madera, y un festival de cine "
                    "independiente donó dos proyectores digitales."
                ),
                q(
                    "Aquí vi mi primera película con mi abuelo. Que mis hijos puedan hacer lo mismo vale cada "
                    "sábado que pasamos lijando madera.",
                    "Mirta Fernández, vecina del Cerro",
                ),
                h("Programación de barrio"),
                p(
                    "Las salas alternarán estrenos nacionales, clásicos y sesiones infantiles los domingos por "
                    "la mañana, con entradas a precio simbólico."
                ),
            ),
        ),
        lead_caption="Lluvia sobre el centro de la ciudad la noche de la reapertura.",
    ),
    SpanishStory(
        Story(
            slug="opinion-el-valor-de-la-radio-comunitaria",
            section="world",
            kind="opinion",
            authors=("lucia-paredes",),
            editor="david-mensah",
            tags=("medios", "democracia", "radio"),
            headline="La radio comunitaria sigue siendo la primera noticia de millones de personas",
            standfirst="En pueblos sin cobertura móvil ni periódicos, una emisora pequeña es el servicio público "
            "más eficaz que existe.",
            body=(
                p(
                    "En muchos pueblos de los Andes, la primera noticia del día no llega por el teléfono sino "
                    "por una radio pequeña, sostenida por voluntarios y por anuncios del mercado."
                ),
                p(
                    "Esas emisoras avisan de las heladas, de las campañas de vacunación y de las reuniones de la "
                    "comunidad. Hablan en quechua o en aimara cuando nadie más lo hace."
                ),
                h("Frágiles y necesarias"),
                p(
                    "Casi todas trabajan con equipos viejos y licencias precarias. Bastaría poco dinero público, "
                    "repartido con reglas claras, para que siguieran al aire."
                ),
                q(
                    "Si la radio se calla, el pueblo se queda sin voz y sin oído.",
                    "una locutora de Radio Altiplano",
                    source="Radio Altiplano",
                ),
            ),
        ),
    ),
]
