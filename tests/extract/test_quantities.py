"""Quantities: a phrase in a short sentence → value, unit, approximation, what is counted."""
from __future__ import annotations

import pytest

from sitroom.extract.base import Context
from sitroom.extract.quantities import extract_quantities, lexicon
from sitroom.extract.times import extract_times
from sitroom.nlp import parse
from sitroom.records import Article


def quantities(text: str, published: str | None = "2021-12-17"):
    article = Article("t", text, published=published)
    ctx = Context.build(parse(article), article)
    ctx.found["times"] = tuple(extract_times(ctx))
    found = list(extract_quantities(ctx))
    for q in found:
        assert q.span.text == text[q.span.start:q.span.end]
        if q.of is not None:
            assert q.of.text == text[q.of.start:q.of.end]
    return found


@pytest.mark.parametrize("text, value, unit, approx, of", [
    ("With more than 100,000 Russian troops massed on the border, Kyiv is worried.",
     100_000, "troops", "more_than", "Russian troops"),
    ("The U.S. has provided more than $450 million in security assistance to Ukraine.",
     450_000_000, "USD", "more_than", "security assistance"),
    ("Officials said about 175,000 soldiers could take part.", 175_000, "troops", "about", "soldiers"),
    ("Russia has deployed up to 100 battalion tactical groups.", 100, "battalion tactical groups", "less_than",
     "battalion tactical groups"),
    ("Nearly 2,000 servicemen arrived in Belarus.", 2000, "troops", "less_than", "servicemen"),
    ("At least 12 civilians were killed in the shelling.", 12, "people killed", "more_than", "civilians"),
    ("Tens of thousands of people fled the city.", 10_000, "people", "more_than", "people"),
    ("The EU pledged €1.2bn to the fund.", 1_200_000_000, "EUR", "exact", None),
    ("The budget grew to 3 trillion roubles last year.", 3e12, "RUB", "exact", None),
    ("Kyiv received 5 billion hryvnias from the central bank.", 5e9, "UAH", "exact", None),
    ("London sent £50m in military aid.", 50_000_000, "GBP", "exact", "military aid"),
    ("Turnout was some 40 percent of the electorate.", 40, "percent", "about", "electorate"),
    ("Prices rose 8.4% in November.", 8.4, "percent", "exact", None),
    ("The convoy stretched for 40 miles.", 40, "miles", "exact", None),
    ("Troops were stationed 20 km from the border.", 20, "km", "exact", None),
    ("Two Ukrainian soldiers were wounded on Tuesday.", 2, "people injured", "exact", "Ukrainian soldiers"),
    ("A dozen tanks crossed the river.", 12, "tanks", "exact", "tanks"),
    ("Roughly 1.5 million refugees have left.", 1_500_000, "refugees", "about", "refugees"),
    ("The talks lasted three days.", 3, "days", "exact", None),
    ("An estimated 14,000 people have died in the conflict.", 14_000, "people killed", "about", "people"),
    ("Fewer than 50 aircraft took part.", 50, "aircraft", "less_than", "aircraft"),
    ("Russia spends billions of dollars a year on it.", 1e9, "USD", "more_than", None),
    ("We are talking about tens of thousands of dead residents.", 10_000, "people killed", "more_than",
     "dead residents"),
    ("She raised $35 million in the United States.", 35e6, "USD", "exact", None),
    ("They were in shelters for over two months.", 2, "months", "more_than", None),
])
def test_quantity_values_units_and_approximation(text, value, unit, approx, of):
    found = quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.approx == approx
    assert (q.of.text if q.of else None) == of


@pytest.mark.parametrize("text, low, high, unit", [
    ("Between 90 and 100 tanks were seen near the border.", 90, 100, "tanks"),
    ("Russia has 90-100 battalion tactical groups nearby.", 90, 100, "battalion tactical groups"),
    ("It would cost $1-2 billion a year.", 1e9, 2e9, "USD"),
    ("From 30 to 40 missiles were fired overnight.", 30, 40, "missiles"),
])
def test_ranges_carry_both_bounds(text, low, high, unit):
    (q,) = quantities(text)
    assert (q.approx, q.value, q.high, q.unit) == ("range", pytest.approx(low), pytest.approx(high), unit)


@pytest.mark.parametrize("text", [
    "NATO occupied those positions in 1997, before the enlargement.",
    "Since Russia's 2014 annexation of Crimea, ties have been poor.",
    "The G7 leaders met to discuss Covid-19 measures.",
    "Under Article 5 of the treaty, allies must respond.",
    "The Nord Stream 2 pipeline is complete.",
    "He called +7 495 123-45-67 at 10:30 on December 17.",
    "The man was detained two days ago.",
    "It was the first meeting since the 1990s.",
    "One of the issues is security.",
    "The evacuation will start at 8 am.",
    "He finished third of all the riders.",
    "They tried to raise the flag on 32 Druzhby Narodiv boulevard.",
])
def test_years_dates_names_and_phone_numbers_are_not_quantities(text):
    assert quantities(text) == []


def test_several_quantities_in_one_sentence_keep_text_order():
    text = "Russia has amassed about 175,000 troops and 1,200 tanks, and spent $40bn."
    found = quantities(text)
    assert [(q.value, q.unit) for q in found] == [(175_000, "troops"), (1200, "tanks"), (4e10, "USD")]


def test_over_before_a_duration_means_during():
    found = quantities("The budget received 4.8 trillion rubles over nine months.")
    assert [(q.span.text, q.value, q.unit, q.approx) for q in found] == [
        ("4.8 trillion rubles", 4.8e12, "RUB", "exact"), ("nine months", 9, "months", "exact")]


def test_lexicon_tables_load_with_iso_currency_codes():
    lex = lexicon()
    assert lex.symbols["$"] == "USD" and lex.currencies["rouble"] == "RUB" and lex.currencies["yuan"] == "CNY"
    assert lex.scales["bn"] == 1e9 and lex.numbers["twenty"] == 20
    assert all(len(code) == 3 and code.isupper() for code in lex.currencies.values())


@pytest.mark.parametrize("sentence", [
    "Bank shares fell as 12 people killed in the crash were named.",
    "At least 30 soldiers killed and 12 wounded were counted.",
])
def test_casualty_words_after_the_counted_noun_never_raise(sentence):
    from sitroom.extract.base import Context
    from sitroom.extract.quantities import extract_quantities
    from sitroom.nlp import parse
    from sitroom.records import Article

    article = Article("q", sentence, published="2021-12-17")
    ctx = Context.build(parse(article), article)
    qs = list(extract_quantities(ctx))
    assert any(q.value in (12, 30) for q in qs)


@pytest.mark.parametrize("text, value, unit", [
    ("Perth received A$40m for new trams.", 40e6, "AUD"),
    ("The mine will cost AUD 900 million to build.", 900e6, "AUD"),
    ("Quebec set aside C$2bn for hospitals.", 2e9, "CAD"),
    ("Toronto's airport paid 80 million Canadian dollars for the land.", 80e6, "CAD"),
    ("The court fined the bank 3 million Swiss francs.", 3e6, "CHF"),
    ("Fares rose to NZ$12 after the strike.", 12, "NZD"),
    ("The club was sold for £250m last week.", 250e6, "GBP"),
    ("Lisbon borrowed 1.5 billion euros from the fund.", 1.5e9, "EUR"),
    ("Farmers were paid 900 hryvnia per tonne.", 900, "UAH"),
    ("The new stadium cost Madrid 2 billion euros.", 2e9, "EUR"),
])
def test_currencies_by_symbol_code_and_name_with_their_scale(text, value, unit):
    (q,) = quantities(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text, low, high, unit", [
    ("Repairs will cost £3m-£5m, the council said.", 3e6, 5e6, "GBP"),
    ("Estimates put the bill at $2-3bn.", 2e9, 3e9, "USD"),
    ("Between 40,000 and 60,000 fans attended the final.", 40_000, 60_000, "fans"),
])
def test_ranges_written_in_one_token_or_with_between_keep_the_high_end(text, low, high, unit):
    (q,) = quantities(text)
    assert (q.approx, q.value, q.high, q.unit) == ("range", pytest.approx(low), pytest.approx(high), unit)


@pytest.mark.parametrize("text, value, unit", [
    ("The lake holds 3 billion cubic metres of water.", 3e9, "cubic metres"),
    ("The ice road is closed below minus 30 degrees.", -30, "degrees"),
    ("It was 38 degrees Celsius in the shade.", 38, "degrees"),
])
def test_multiword_units_and_negative_measures(text, value, unit):
    (q,) = quantities(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text, expected", [
    ("Five people were killed and 19 injured when the roof fell.", [(5, "people killed"), (19, "people injured")]),
    ("The explosion left 7 dead and dozens injured.", [(7, "people killed"), (12, "people injured")]),
    ("The ambush killed 9 guards and injured 14 others.", [(9, "people killed"), (14, "people injured")]),
    ("Authorities detained 80 students after the march.", [(80, "people detained")]),
    ("Six reporters were arrested outside the court.", [(6, "people detained")]),
    ("The floods have displaced 20,000 families.", [(20_000, "people displaced")]),
    ("More than 30 sailors drowned when the boat capsized.", [(30, "people killed")]),
    ("A total of 15 climbers died on the mountain.", [(15, "people killed")]),
    ("About 300 of the rebels were captured alive and 40 of its officers were wounded.",
     [(300, "rebels"), (40, "people injured")]),
    ("The death toll from the cyclone rose to 140 on Sunday.", [(140, "people killed")]),
    ("The official death toll stands at 73.", [(73, "people killed")]),
])
def test_what_is_counted_comes_from_the_governing_verb_or_noun(text, expected):
    assert [(q.value, q.unit) for q in quantities(text)] == expected


@pytest.mark.parametrize("text", [
    "The toll road opened in 2019 and it rose to 4 lanes.",
    "Their scores rose to 80 after the course.",
    "The Ariane 6 rocket lifted off.",
])
def test_a_bare_number_with_no_toll_counts_nothing(text):
    assert all(q.unit not in ("people killed", "people injured") for q in quantities(text))


def test_a_range_keeps_its_high_end_through_the_record():
    from sitroom.records import Quantity

    (q,) = quantities("Between 40,000 and 60,000 fans attended the final.")
    d = q.to_dict()
    assert d["high"] == 60_000 and Quantity.from_dict(d) == q


@pytest.mark.parametrize("text, expected", [
    ("The gunmen opened fire, killing 6 and injuring 21.", [(6, "people killed"), (21, "people injured")]),
    ("At least 9 were wounded, the hospital said.", [(9, "people injured")]),
    ("Nobody knows why 40 died that night.", [(40, "people killed")]),
])
def test_a_bare_number_that_a_casualty_verb_governs_counts_its_victims(text, expected):
    assert [(q.value, q.unit) for q in quantities(text)] == expected


@pytest.mark.parametrize("text, value, unit", [
    ("The bank lent 154m naira to farmers.", 154e6, "NGN"),
    ("The port earned 3bn Danish kroner last year.", 3e9, "DKK"),
    ("Tickets cost 900 pesos each.", 900, "pesos"),
])
def test_a_scale_before_a_currency_word_and_currency_names_shared_by_countries(text, value, unit):
    (q,) = quantities(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


def _pairs(text):
    return [(pytest.approx(q.value), q.unit) for q in quantities(text)]


@pytest.mark.parametrize("text, value, unit", [
    ("Lagos approved ₦40 billion for new buses.", 40e9, "NGN"),
    ("Cebu set aside ₱3 billion for flood walls.", 3e9, "PHP"),
    ("The utility asked for R12bn in state support.", 12e9, "ZAR"),
    ("The Kenyan court fined the bank Sh20 million.", 20e6, "KES"),
    ("The state will spend Rs 450 crore on clinics.", 4.5e9, "INR"),
    ("The plot fetched Rs 80 lakh at auction.", 8e6, "INR"),
    ("Tickets for the concert in Krakow cost 300 zł.", 300, "PLN"),
    ("The Emirati bank lent 900 million dirhams to builders.", 9e8, "AED"),
    ("Bangkok will spend 40 billion baht on a rail link.", 4e10, "THB"),
    ("Seoul set aside 3 trillion won for chip makers.", 3e12, "KRW"),
])
def test_currency_symbols_and_names_of_many_countries(text, value, unit):
    assert _pairs(text) == [(value, unit)]


@pytest.mark.parametrize("text, value, unit", [
    ("The Canadian province will spend 2 billion dollars on schools.", 2e9, "CAD"),
    ("Canberra said the bridge would cost 900 million dollars.", 9e8, "AUD"),
    ("In Nairobi a litre of milk costs 60 shillings.", 60, "KES"),
    ("Pakistan's budget set aside Rs 900 billion for defence.", 9e11, "PKR"),
    ("A bus ticket in Cairo costs 5 pounds.", 5, "EGP"),
    ("Argentina's government printed 2 trillion pesos.", 2e12, "ARS"),
    ("Denmark's port earned 4 billion kroner.", 4e9, "DKK"),
    ("Indonesia's exports reached 20 billion dollars.", 2e10, "USD"),  # a country with no dollar of its own
    ("The price was 40 dollars a barrel.", 40, "USD"),  # no country at all
    # the yen sign is also the yuan's
    ("Beijing said the fund would lend ¥50bn to Chinese exporters.", 5e10, "CNY"),
    ("A ticket on the Osaka line costs ¥900.", 900, "JPY"),
    # a city of a million names its country
    ("Traders in Karachi lost Rs 3bn as the market fell.", 3e9, "PKR"),
    ("Shares in Mumbai rose as Rs 5bn flowed in.", 5e9, "INR"),
])
def test_a_currency_name_shared_by_countries_takes_the_articles_country(text, value, unit):
    assert _pairs(text) == [(value, unit)]


@pytest.mark.parametrize("text", [
    "The R2 road was closed after the crash.",
    "Rooms Sh4 and Sh5 were painted.",
    "Most voters in 2019 won nothing from the reform.",
])
def test_letter_symbols_and_verbs_that_name_currencies_need_an_amount(text):
    assert all(len(q.unit) != 3 or not q.unit.isupper() for q in quantities(text))


@pytest.mark.parametrize("text, value, unit", [
    ("Winds of 90 mph tore roofs off.", 90, "mph"),
    ("The train reached 350 km/h on the test run.", 350, "km/h"),
    ("The fire destroyed 800 sq km of bush.", 800, "km2"),
    ("The reactor can deliver 1.6 GW to the grid.", 1.6, "GW"),
    ("The field pumps 500,000 barrels per day.", 500_000, "barrels per day"),
    ("Exports slipped to 2.1 million bpd.", 2.1e6, "barrels per day"),
    ("The city sweltered at 41C on Monday.", 41, "degrees"),
    ("Death Valley hit 128F last summer.", 128, "degrees F"),
    ("Overnight it fell to -22°C in Yakutsk.", -22, "degrees"),
    ("The star lies 640 light years from Earth.", 640, "light years"),
    ("A magnitude 6.1 quake shook the island.", 6.1, "magnitude"),
    ("The bread now costs 95p in Leeds.", 95, "pence"),
])
def test_speeds_areas_power_flows_and_temperatures(text, value, unit):
    assert _pairs(text) == [(value, unit)]


@pytest.mark.parametrize("text, value", [
    ("The driver, a 41-year-old from Bristol, was unhurt.", 41),
    ("Her grandson is now 19 years old.", 19),
    ("The pilot, aged 63, landed safely.", 63),
    ("Maria Lopez, 47, runs the clinic.", 47),
])
def test_ages_are_years(text, value):
    assert _pairs(text) == [(value, "years")]


@pytest.mark.parametrize("text, value, of", [
    ("A third of the wells have run dry.", 1 / 3, "wells"),
    ("Almost half of all teachers want to leave.", 0.5, "teachers"),
    ("Three-quarters of the loans were repaid.", 0.75, "loans"),
    ("One in four households has no car.", 0.25, "households"),
    ("Seven out of 10 farmers lost crops.", 0.7, "farmers"),
])
def test_fractions_of_a_whole(text, value, of):
    (q,) = quantities(text)
    assert (q.value, q.unit, q.of.text) == (pytest.approx(value), "fraction", of)


@pytest.mark.parametrize("text", [
    "The match was played on the third of June.",
    "Half a million people signed the petition.",
])
def test_ordinals_and_half_a_million_are_not_fractions(text):
    assert all(q.unit != "fraction" for q in quantities(text))


@pytest.mark.parametrize("text, expected", [
    ("The siege lasted 36 hours.", [(36, "hours")]),
    ("She swam the length in 52.4 seconds.", [(52.4, "seconds")]),
    ("The talks ran 3 hours 40 minutes.", [(3, "hours"), (40, "minutes")]),
    ("The ministers met at 10:30 on Tuesday.", []),
])
def test_lengths_of_time_but_not_clock_times(text, expected):
    assert _pairs(text) == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize("text, expected", [
    ("Gold rose $14.20 to $1,950 an ounce.", [(14.2, "USD"), (1950, "USD")]),
    ("The shares fell 8p to 212p.", [(8, "pence"), (212, "pence")]),
    ("Inflation eased 0.3% to 4.1%.", [(0.3, "percent"), (4.1, "percent")]),
])
def test_a_change_then_the_level_reached_are_two_amounts(text, expected):
    assert _pairs(text) == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize("text, low, high, unit", [
    ("Fees went up by 5 to 8 percent.", 5, 8, "percent"),
    ("Between 20% and 25% of the budget is debt.", 20, 25, "percent"),
    ("Margins are 15%-18% this year.", 15, 18, "percent"),
])
def test_percent_ranges_keep_both_ends(text, low, high, unit):
    (q,) = quantities(text)
    assert (q.approx, q.value, q.high, q.unit) == ("range", pytest.approx(low), pytest.approx(high), unit)


@pytest.mark.parametrize("text, expected", [
    ("The side has lost 4 of its last 6 games.", [(4, "games"), (6, "games")]),
    ("The motion passed by 220 votes to 190.", [(220, "votes"), (190, "votes")]),
    ("The governor began a 3-day tour of the north.", [(3, "days")]),
    ("The 15-member panel will report in May.", [(15, "members")]),
    ("The carrier flew 2.4m passengers in June.", [(2.4e6, "passengers")]),
    ("The agency resettled 3m refugees.", [(3e6, "refugees")]),
    ("She won the 400m hurdles.", [(400, "metres")]),
    ("The firm sold 40 million tablets last year.", [(4e7, "tablets")]),
])
def test_what_is_counted_from_a_whole_a_contrast_a_compound_or_a_scale(text, expected):
    assert _pairs(text) == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize("text, expected", [
    ("The club paid £60m.", [(6e7, "GBP")]),
    ("The strike will last five days.", [(5, "days")]),
    ("A 5.9-magnitude tremor was felt.", [(5.9, "magnitude")]),
    ("The regulator imposed a 50-basis-point cut.", [(50, "basis points")]),
    ("Three of its eight mines have closed.", [(3, "mines"), (8, "mines")]),
    ("She won a 21 km race in Oslo.", [(21, "km")]),
    ("These rocks are 2 billion years old.", [(2e9, "years")]),
    ("The warehouse has 80,000 square feet of floor.", [(80_000, "square feet")]),
    ("Kuala Lumpur's RM2bn rail plan was approved.", [(2e9, "MYR")]),
])
def test_scales_units_and_wholes_in_more_constructions(text, expected):
    assert _pairs(text) == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize("text, expected", [
    ("Rates were raised by half a percentage point.", [(0.5, "percentage points")]),
    ("The bail was set at Rs 2,50,000.", [(250_000, "INR")]),
    ("The goal is to keep warming under 2 degrees C.", [(2, "degrees")]),
])
def test_half_a_unit_lakh_grouping_and_degrees_c(text, expected):
    assert _pairs(text) == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize("text, expected", [
    ("The show first aired on Channel Four in 1994.", []),
    ("Sales rose to 410 in 2021 from 380.", []),
    ("She holds the 400m title and is one of the best 800m runners.", [(400, "metres"), (800, "metres")]),
    ("He presented the 90bn-rand plan.", [(9e10, "ZAR")]),
    ("They signed a billion-dollar deal.", [(1e9, "USD")]),
])
def test_years_after_in_are_not_ratios_and_race_distances_are_metres(text, expected):
    assert _pairs(text) == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize("text, expected", [
    ("A quarter of a million fans lined the streets.", [(250_000, "fans")]),
    ("Three-quarters of a billion euros went missing.", [(7.5e8, "EUR")]),
    ("Adults aged between 30 and 45 were asked.", [(30, "years")]),
])
def test_a_share_of_a_scale_word_is_a_number_and_ages_in_ranges(text, expected):
    assert _pairs(text) == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize("text, expected", [
    ("The contract is worth 8 million USD.", [(8e6, "USD")]),
    ("Sales climbed 4pc in May.", [(4, "percent")]),
    ("The bank cut rates by 50bp.", [(50, "basis points")]),
    ("Labour's lead fell 2pp to 38%.", [(2, "percentage points"), (38, "percent")]),
    ("Revenue hit 3.4 bln dollars.", [(3.4e9, "USD")]),
])
def test_codes_after_the_amount_and_newsroom_abbreviations(text, expected):
    assert _pairs(text) == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize("text, expected", [
    ("The parcel weighed 12 pounds.", [(12, "pounds")]),
    ("A pint costs 6 pounds in Soho.", [(6, "GBP")]),
    ("Downloads passed 1m last week.", []),
])
def test_pounds_of_weight_and_a_scale_letter_is_no_noun(text, expected):
    assert _pairs(text) == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize("text, expected", [
    ("The airline laid off 1,400 staff.", [(1400, "staff")]),
    ("The ship sank with 23 crew aboard.", [(23, "crew")]),
    ("Floods killed 4,000 cattle in the delta.", [(4000, "cattle")]),
    ("The blast killed 7 miners.", [(7, "people killed")]),
])
def test_collective_nouns_count_and_animals_are_not_people_killed(text, expected):
    assert _pairs(text) == [(pytest.approx(v), u) for v, u in expected]


def test_a_bare_number_before_a_smaller_percentage_is_a_percentage_too():
    assert _pairs("Voters backed the plan 55 to 45 percent.") == [(55, "percent"), (45, "percent")]


@pytest.mark.parametrize("text, value", [
    ("Gunmen shot dead 12 villagers in the market.", 12),
    ("At least nine protesters were shot dead by police.", 9),
    ("Two guards were beaten to death.", 2),
    ("Three soldiers were stabbed to death, officials said.", 3),
])
def test_death_as_a_verbs_result_counts_people_killed(text, value):
    assert (value, "people killed") in _pairs(text)


def test_shooting_without_death_is_no_killing():
    assert all(unit != "people killed" for _, unit in _pairs("Police shot 4 men in the legs."))


@pytest.mark.parametrize("text, value", [
    ("The poet died at the age of 81 in his home town.", 81),
    ("At the age of 7, she moved to Lyon.", 7),
])
def test_the_age_of_n_is_an_age(text, value):
    assert (value, "years") in _pairs(text)
