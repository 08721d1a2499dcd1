"""Directional transfers: direction read from the sentence, commodities, quantities, status."""
import pandas as pd
import pytest

from analysis.attribution import DocumentContext, find_attributions
from analysis.dates import find_dates
from analysis.entities import find_mentions, sentence_tokens
from analysis.evaluate import score
from analysis.flows import find_flows
from analysis.quantities import find_quantities

from .conftest import ROOT


def flows_of(text, previous=()):
    tokens = sentence_tokens(text, 0)
    mentions = find_mentions(text, 1, 0, text, tokens=tokens)
    dates = find_dates(text, 1, 0, text)
    quantities = find_quantities(text, 1, 0, text, [(m.start, m.end) for m in mentions] + [(d.start, d.end) for d in dates])
    statements = find_attributions(tokens, mentions, 1, text, 0, text, DocumentContext())
    ids = [f"x#1.{k}" for k in range(1, len(statements) + 1)]
    return find_flows(tokens, mentions, quantities, statements, ids, 1, text, list(previous), dates)


def triples(text):
    return [(f.from_entity_id, f.to_entity_id, f.commodity) for f in flows_of(text)]


def all_transfers(tables):
    """flows.csv and flows_partial.csv together: the seed gold also lists transfers with one side unnamed."""
    return pd.concat([tables["flows"], tables["flows_partial"]], ignore_index=True)


def test_seed_flows_match_gold(seed_tables):
    gold = pd.read_csv(ROOT / "tests/gold/flows.csv", keep_default_na=False)
    result = score(all_transfers(seed_tables), gold, ["from_entity_id", "to_entity_id", "commodity"], overlap=True)
    assert result.precision >= 0.9 and result.recall >= 0.9, result


def test_seed_flow_status_agrees_with_gold(seed_tables):
    gold = pd.read_csv(ROOT / "tests/gold/flows.csv", keep_default_na=False)
    matched = score(all_transfers(seed_tables), gold, ["from_entity_id", "to_entity_id", "commodity", "status"], overlap=True)
    assert matched.precision >= 0.9 and matched.recall >= 0.9, matched


def test_flows_table_holds_only_transfers_with_both_sides(seed_tables):
    flows, partial = seed_tables["flows"], seed_tables["flows_partial"]
    assert (flows.from_entity_id != "").all() and (flows.to_entity_id != "").all()
    assert ((partial.from_entity_id == "") | (partial.to_entity_id == "")).all() and len(partial) > 0


def test_send_with_explicit_direction_and_quantity():
    f = flows_of("وقال مسؤولون إن كوريا الشمالية أرسلت إلى روسيا نحو 260 ألف طن متري من الذخائر.")[0]
    assert (f.from_entity_id, f.to_entity_id, f.commodity, f.quantity_value, f.quantity_unit) == (
        "north_korea", "russia", "weapons and munitions", 260000, "metric ton")


def test_direction_is_read_not_assumed():
    assert triples("أرسلت روسيا النفط المكرر إلى كوريا الشمالية.") == [("russia", "north_korea", "refined petroleum")]
    assert triples("أرسلت كوريا الشمالية قذائف مدفعية إلى روسيا.") == [("north_korea", "russia", "artillery shells")]
    assert triples("اشترت روسيا الصواريخ من كوريا الشمالية.") == [("north_korea", "russia", "missiles")]


def test_supply_x_with_y():
    assert triples("اتهمت سيول بيونغ يانغ بتزويد موسكو بأكثر من مليون قذيفة مدفعية.") == [("north_korea", "russia", "artillery shells")]


def test_an_exchange_gives_two_flows_both_ways():
    found = triples("اتفق الزعيمان على اتفاق يقضي بتقاسم روسيا المعرفة التكنولوجية لمساعدة برنامج الفضاء الكوري "
                    "الشمالي في مقابل الحصول على ذخائر.")
    assert ("russia", "north_korea", "space and satellite technology") in found
    assert ("north_korea", "russia", "weapons and munitions") in found


@pytest.mark.parametrize(
    "text, status",
    [
        ("إن كوريا الشمالية ترغب في الحصول على طائرات مقاتلة من روسيا.", "requested"),
        ("يُسمح لكوريا الشمالية باستيراد 500 ألف برميل من النفط سنوياً.", "capped"),
        ("نشعر بالقلق من أن كوريا الشمالية تخطط لتوريد مزيد من المعدات العسكرية إلى روسيا.", "planned"),
        ("اتهمت الولايات المتحدة كوريا الشمالية بإرسال أسلحة إلى روسيا.", "alleged"),
        ("أرسلت روسيا النفط إلى كوريا الشمالية.", "reported"),
    ],
)
def test_status(text, status):
    assert flows_of(text)[0].status == status


def test_a_cap_is_not_a_shipment_and_has_no_invented_sender():
    f = flows_of("يُسمح لكوريا الشمالية باستيراد 500 ألف برميل من النفط سنوياً.")[0]
    assert (f.from_entity_id, f.to_entity_id, f.quantity_value) == ("", "north_korea", 500000)


def test_vetoes_and_released_assets():
    assert triples("منعت موسكو فرض عقوبات إضافية على كوريا الشمالية.") == [("russia", "north_korea", "sanctions protection (veto)")]
    assert triples("وأطلقت روسيا سراح ملايين الدولارات من الأصول الكورية الشمالية المجمدة.") == [("russia", "north_korea", "frozen assets")]


def test_goods_from_a_country_without_a_verb():
    assert triples("وسمحت المدفعية الإضافية من كوريا الشمالية لروسيا بالحفاظ على معدل النار.") == [("north_korea", "russia", "artillery")]


def test_bans_and_questions_are_not_transfers():
    assert flows_of("مُنعت بيونغ يانغ من بيع الأسلحة بموجب قرارات الأمم المتحدة.") == []
    assert flows_of("هل ترسل روسيا النفط إلى كوريا الشمالية؟") == []


def test_the_missing_side_is_carried_from_an_earlier_sentence():
    earlier = flows_of("استأنفت روسيا إرسال النفط إلى كوريا الشمالية.")
    f = flows_of("لكن روسيا أرسلت نحو 67 ألف برميل من النفط منذ استئناف الضخ.", earlier)[0]
    assert (f.to_entity_id, f.direction_basis, f.quantity_value) == ("north_korea", "earlier sentence", 67000)


def test_supply_with_subject_then_recipient():
    assert triples("وبحسب الفريق، زودت روسيا كوريا الشمالية بأكثر من مليون برميل من النفط.") == [("russia", "north_korea", "oil")]


def test_troops_are_a_commodity():
    f = flows_of("وأفادت سيول بأن كوريا الشمالية أرسلت نحو 10 آلاف جندي إلى روسيا في أكتوبر.")[0]
    assert (f.from_entity_id, f.to_entity_id, f.commodity, f.quantity_value) == ("north_korea", "russia", "troops", 10000)


def test_a_payment_and_what_it_buys_go_opposite_ways():
    found = flows_of("وذكرت الصحيفة أن موسكو دفعت لبيونغ يانغ نحو مليار دولار مقابل الذخائر.")
    assert [(f.from_entity_id, f.to_entity_id, f.commodity) for f in found] == [
        ("russia", "north_korea", "money"), ("north_korea", "russia", "weapons and munitions")]
    assert found[0].quantity_value == 1_000_000_000


def test_using_foreign_troops_means_they_reached_the_user():
    f = flows_of("واتهم زيلينسكي روسيا باستخدام جنود كوريين شماليين في منطقة كورسك.")[0]
    assert (f.from_entity_id, f.to_entity_id, f.commodity, f.status) == ("north_korea", "russia", "troops", "alleged")


def test_a_ceiling_is_a_cap():
    f = flows_of("فرض مجلس الأمن سقفا لواردات كوريا الشمالية من المنتجات النفطية المكررة يبلغ 500 ألف برميل سنويا.")[0]
    assert (f.from_entity_id, f.to_entity_id, f.status) == ("", "north_korea", "capped")


def test_more_supply_and_receive_verbs_and_negation():
    assert triples("وأمدت روسيا كوريا الشمالية بالنفط والغذاء.") == [("russia", "north_korea", "oil"), ("russia", "north_korea", "food")]
    assert triples("وتسلمت القوات الروسية صواريخ باليستية من كوريا الشمالية.") == [("north_korea", "russia", "ballistic missiles")]
    assert flows_of("ولم ترسل كوريا الشمالية أي أسلحة إلى روسيا.")[0].status == "denied"


def test_ports_and_unlisted_bodies_say_whose_they_are():
    # A port's name after «من» / «إلى» (ميناء ...), and a body the registry does not list, known by its adjective.
    assert triples("ونقلت سفن الذخائر من ميناء راجين إلى ميناء فوستوشني الروسي.") == [
        ("north_korea", "russia", "weapons and munitions")]
    assert triples("وأعلنت وزارة الطاقة الروسية أنها صدّرت النفط إلى كوريا الشمالية.") == [
        ("russia", "north_korea", "oil")]


def test_a_source_before_a_receive_verb_is_not_the_receiver():
    found = triples("ووفقا لمركز الأبحاث البريطاني، تلقت روسيا من كوريا الشمالية ملايين القذائف المدفعية.")
    assert found == [("north_korea", "russia", "artillery shells")]


def test_received_workers_and_hedged_or_past_verbs():
    assert triples("واستقبلت روسيا آلاف العمال الكوريين الشماليين.") == [("north_korea", "russia", "workers")]
    hedged = flows_of("وقالت سيول إن موسكو ربما زودت بيونغ يانغ بمنظومات دفاع جوي.")[0]
    assert (hedged.from_entity_id, hedged.to_entity_id, hedged.commodity, hedged.status) == (
        "russia", "north_korea", "air-defence systems", "alleged")
    assert flows_of("وكانت روسيا قد أرسلت النفط إلى كوريا الشمالية.")[0].status == "reported"  # قد + past: had sent
    assert flows_of("وقالت سيول إن روسيا قد ترسل النفط إلى كوريا الشمالية.")[0].status == "planned"  # قد + present: may


def test_a_quantity_whose_item_starts_the_goods():
    f = flows_of("وأرسلت كوريا الشمالية إلى روسيا نحو 200 منظومة مدفعية ذاتية الحركة.")[0]
    assert (f.commodity, f.quantity_value) == ("artillery", 200)


def test_a_hedge_bears_on_the_goods_it_precedes():
    found = {f.commodity: f.status for f in flows_of(
        "حددت سيول آلاف الحاويات المرسلة من كوريا الشمالية إلى روسيا يعتقد أنها تحتوي على قذائف مدفعية.")}
    assert found.get("artillery shells") == "alleged"
    far = flows_of("ربما يتهرب البلدان من العقوبات بموجب شراكة واسعة تساعد اقتصاد كوريا الشمالية وتوفر الأسلحة لروسيا.")
    assert far and far[0].status == "reported"  # the hedge is about the evasion, far from the transfer


@pytest.mark.parametrize(
    "text, expected",
    [
        # singular and indefinite goods, a number between two goods of one list
        ("وأضافت الهيئة أن بيونغ يانغ أرسلت أيضا إلى روسيا ما يزيد على 100 صاروخ باليستي قصير المدى وأكثر من 200 مدفع.",
         [("north_korea", "russia", "ballistic missiles"), ("north_korea", "russia", "artillery")]),
        # سلّم X Y: the first object receives
        ("يعتقد مسؤولون أن موسكو ربما سلمت بيونغ يانغ أنظمة دفاع جوي.", [("russia", "north_korea", "air-defence systems")]),
        # the accused ship it, not the one who sanctions them
        ("فرضت وزارة الخزانة الأمريكية عقوبات على سفن وشركات روسية متهمة بنقل النفط إلى ميناء نامبو الكوري الشمالي.",
         [("russia", "north_korea", "oil")]),
        # tankers sailing are no oil changing hands
        ("رصدت الصور 43 رحلة لناقلات نفط كورية شمالية إلى ميناء فوستوتشني الروسي.", []),
        # supplying an arsenal is no supply to anyone: تزويد takes بـ
        ("تمتلك كوريا الشمالية مخازن ذخيرة لتزويد ترسانة تشمل ما يزيد على 21600 قطعة مدفعية.", []),
        # the future prefix on the verb
        ("وأضاف أن موسكو سترسل 50 ألف طن من القمح إلى بيونغ يانغ.", [("russia", "north_korea", "food")]),
        ("وقال بوتين إن موسكو ستساعد بيونغ يانغ في بناء أقمار صناعية.",
         [("russia", "north_korea", "space and satellite technology")]),
        ("سلمت روسيا كوريا الشمالية أنظمة دفاع جوي.", [("russia", "north_korea", "air-defence systems")]),
        ("منحت روسيا قروضا لكوريا الشمالية.", [("russia", "north_korea", "money")]),
    ],
)
def test_goods_forms_double_objects_accused_agents_and_non_transfers(text, expected):
    assert triples(text) == expected


def test_statuses_of_accused_and_preparing():
    assert [f.status for f in flows_of("شركات روسية متهمة بنقل النفط إلى كوريا الشمالية.")] == ["alleged"]
    assert [f.status for f in flows_of("كوريا الشمالية تستعد لإرسال ألفي جندي إضافي إلى روسيا.")] == ["planned"]
    assert [f.status for f in flows_of("وأضاف أن موسكو سترسل القمح إلى بيونغ يانغ.")] == ["planned"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a gift to a titled person known by nationality
        ('وكان الرئيس الروسي فلاديمير بوتين قد أهدى الزعيم الكوري الشمالي سيارة فاخرة.',
         [("russia", "north_korea", "vehicles")]),
        # smuggling networks act, not the governments that sanction them
        ("واشنطن وسيول وطوكيو تفرض عقوبات جديدة على شبكات تهريب النفط إلى بيونغ يانغ", [("", "north_korea", "oil")]),
        # accused but unnamed: the goods' owner sends
        ("فرضت اليابان عقوبات على أربع سفن متهمة بتسهيل نقل المنتجات النفطية الروسية إلى كوريا الشمالية.",
         [("russia", "north_korea", "refined petroleum")]),
        # "from it": the other side of the first clause
        ("وتصدّر روسيا إلى كوريا الشمالية الدقيق والسكر، بينما تستورد منها منتجات صيدلانية.",
         [("russia", "north_korea", "food"), ("north_korea", "russia", "medicine")]),
        # where the load arrived
        ("وصل إلى ميناء راجين أول قطار شحن يحمل نحو 30 حاوية من البضائع الروسية.",
         [("russia", "north_korea", "cargo containers")]),
    ],
)
def test_gifts_unnamed_agents_pronoun_sources_and_arrivals(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a place on the way after the goods is not the sender
        ("أرسلت شحنات من قذائف المدفعية الكورية الشمالية إلى روسيا عبر معبر خاسان الحدودي.",
         [("north_korea", "russia", "artillery shells")]),
        # the pronoun on the verb stands for the goods before «التي»; the money is their value
        ("وقدّر المعهد أن قيمة الأسلحة التي باعتها كوريا الشمالية لروسيا تتراوح بين 5 و20 مليار دولار.",
         [("north_korea", "russia", "weapons and munitions")]),
        # "her country": the country of the person named before, not of the last place
        ("شكرت وزيرة الخارجية الكورية الشمالية تشوي سون هوي موسكو، وأعلنت أن بلادها سترسل وحدات هندسية إضافية.",
         [("north_korea", "", "troops")]),
    ],
)
def test_places_on_the_way_pronoun_goods_and_her_country(text, expected):
    assert triples(text) == expected


def test_one_countrys_workers_in_another_are_sent_there():
    assert triples("كشفت وثائق أن آلاف العمال الكوريين الشماليين يعملون في مواقع بناء في روسيا.") == [
        ("north_korea", "russia", "workers")]
    assert triples("يعمل العمال الكوريون الشماليون في ظروف صعبة.") == []


def test_losses_in_a_country_are_not_troops_sent_there():
    assert triples('أكد زيلينسكي أن "أكثر من 3 آلاف جندي كوري شمالي قتلوا أو أصيبوا" في كورسك.') == []
    assert triples("نحو 11 ألف جندي كوري شمالي ينتشرون حاليا في منطقة كورسك الروسية.") == [
        ("north_korea", "russia", "troops")]


def test_what_is_got_in_return_comes_from_whom_the_first_goods_went_to():
    earlier = flows_of("أرسلت كوريا الشمالية قذائف مدفعية إلى روسيا.")
    found = flows_of("وصدّرت كوريا الشمالية أيضا ملايين القذائف، في حين حصلت في المقابل على معدات للدفاع الجوي.",
                     previous=earlier)
    got = {(f.from_entity_id, f.to_entity_id, f.commodity, f.direction_basis) for f in found}
    assert ("russia", "north_korea", "air-defence systems", "earlier sentence") in got
    assert ("north_korea", "russia", "artillery shells", "earlier sentence") in got


def test_help_for_another_country_program_goes_to_that_country():
    assert triples("قالت يونهاب إن موسكو ربما قدمت مساعدة تقنية لبرنامج الأقمار الصناعية الكوري الشمالي مقابل الذخائر.") == [
        ("russia", "north_korea", "space and satellite technology"), ("north_korea", "russia", "weapons and munitions")]


def test_a_verbal_noun_with_two_objects_and_what_is_sent_in_return():
    found = flows_of("ذكرت الصحيفة أن روسيا تعتزم تسليم كوريا الشمالية تكنولوجيا لإنتاج المسيرات، مقابل إرسال مزيد من الجنود.")
    # the technology is what is handed over (drones are what it makes); the troops go the other way
    assert [(f.from_entity_id, f.to_entity_id, f.commodity, f.status) for f in found] == [
        ("russia", "north_korea", "technology", "planned"), ("north_korea", "russia", "troops", "planned")]


@pytest.mark.parametrize("text", [
    "أن أكثر من خمسة عشر ألف عامل كوري شمالي دخلوا روسيا العام الماضي.",
    "وتقول كييف إن نحو 11 ألف جندي كوري شمالي يقاتلون إلى جانب القوات الروسية.",
])
def test_people_of_one_country_entering_or_fighting_beside_another(text):
    assert [(s, r) for s, r, _ in triples(text)] == [("north_korea", "russia")]


def test_sent_to_a_site_in_a_place_goes_to_that_place_country():
    found = flows_of("اتهم زيلينسكي كوريا الشمالية بإرسال مهندسين وعمال إلى مصنع في ألابوغا بجمهورية تتارستان.")
    assert [(f.from_entity_id, f.to_entity_id, f.commodity, f.status) for f in found] == [
        ("north_korea", "russia", "workers", "alleged")]


def test_a_news_outlet_is_no_party_to_a_transfer():
    found = flows_of("ونقلت رويترز عن ثلاثة مصادر أن شحنات من الصواريخ الباليستية وصلت إلى روسيا.")
    assert [(f.from_entity_id, f.to_entity_id) for f in found] == [("", "russia")]


def test_troops_sent_in_return_to_fight_go_to_the_other_side_of_the_deal():
    # "للقتال في أوكرانيا" says where they fight, not who receives them
    assert triples("أكد مسؤول أن روسيا زودت كوريا الشمالية بأنظمة دفاع جوي، في مقابل إرسال قوات كورية شمالية "
                   "للقتال في أوكرانيا.") == [("russia", "north_korea", "air-defence systems"),
                                              ("north_korea", "russia", "troops")]


def test_whose_goods_they_are_sends_them_with_a_verbal_noun():
    found = flows_of("جمدت اليابان أصول كيانات في روسيا وكوريا الشمالية والصين، بتهمة المشاركة في نقل "
                     "أسلحة كورية شمالية إلى روسيا.")
    assert [(f.from_entity_id, f.to_entity_id, f.commodity, f.status) for f in found] == [
        ("north_korea", "russia", "weapons and munitions", "alleged")]


def test_in_return_at_the_start_of_a_sentence_answers_the_sentence_before():
    earlier = flows_of("تلقت بيونغ يانغ من موسكو طائرات مقاتلة.")
    found = flows_of("في المقابل، حصلت روسيا على آلاف الحاويات من الذخائر عبر ميناء راجين.", previous=earlier)
    assert {(f.from_entity_id, f.to_entity_id, f.direction_basis) for f in found} == {
        ("north_korea", "russia", "earlier sentence")}


def test_a_date_between_the_verb_and_its_goods():
    assert triples("أن كوريا الشمالية زودت روسيا منذ أغسطس/آب 2023 بأكثر من 20 ألف حاوية من الذخائر.") == [
        ("north_korea", "russia", "weapons and munitions")]  # counted in containers, the goods are munitions


@pytest.mark.parametrize("text", [
    "زيلينسكي: مقتل وإصابة نحو 4 آلاف جندي كوري شمالي في كورسك",  # losses, not troops sent
    "ويحظر قرار مجلس الأمن رقم 2270 تصدير السيارات الفاخرة إلى كوريا الشمالية.",  # what a ban forbids
    "وطالب بيسكوف واشنطن بوقف إرسال الأسلحة إلى أوكرانيا.",  # a call to stop; «طالب» is no student
])
def test_losses_and_bans_are_no_transfers(text):
    assert triples(text) == []


def test_a_ceasefire_earlier_in_the_clause_stops_nothing():
    assert triples("وبعد وقف إطلاق النار استأنفت روسيا تزويد كوريا الشمالية بالنفط.") == [("russia", "north_korea", "oil")]


def test_cannon_fodder_is_no_fuel_and_no_artillery():
    assert triples('وكتب زيلينسكي أن "روسيا تستخدم الجنود الكوريين الشماليين وقودا للمدافع".') == [
        ("north_korea", "russia", "troops")]


def test_whose_cap_is_not_who_ships():
    found = flows_of("صور أقمار صناعية: روسيا تتجاوز سقف الأمم المتحدة لصادرات النفط إلى كوريا الشمالية")
    assert [(f.from_entity_id, f.to_entity_id, f.commodity, f.status) for f in found] == [
        ("russia", "north_korea", "oil", "capped")]


def test_who_told_the_committee_ships():
    assert triples("وكانت روسيا قد أبلغت لجنة العقوبات التابعة للأمم المتحدة بأنها صدرت نحو 6 آلاف طن فقط من "
                   "المنتجات النفطية المكررة إلى كوريا الشمالية.") == [("russia", "north_korea", "refined petroleum")]


def test_may_have_delivered_is_alleged():
    found = flows_of("وتشير تقديرات إلى أن كوريا الشمالية قد تكون سلمت موسكو ما بين 50 و100 صاروخ خلال عام 2024.")
    assert [(f.from_entity_id, f.to_entity_id, f.status) for f in found] == [("north_korea", "russia", "alleged")]


def test_the_adjective_of_exports_names_the_exporter_and_a_plan_differs_from_a_shipment():
    found = flows_of("وقال كوزلوف، الذي يرأس اللجنة الحكومية المشتركة، إن الجانبين اتفقا على زيادة صادرات القمح الروسي "
                     "إلى كوريا الشمالية، مشيرا إلى أن روسيا شحنت العام الماضي أكثر من 50 ألف طن من القمح.")
    assert [(f.from_entity_id, f.to_entity_id, f.commodity, f.status, f.quantity_value) for f in found] == [
        ("russia", "north_korea", "food", "planned", None), ("russia", "north_korea", "food", "reported", 50000)]


def test_gifts_of_animals():
    assert triples('وفي المقابل، قدم كيم لبوتين زوجا من كلاب الصيد الكورية من سلالة "بونغسان".') == [
        ("north_korea", "russia", "dogs")]


def test_received_in_return_after_the_verb_and_a_list_that_goes_on():
    earlier = flows_of("أن كوريا الشمالية زودت روسيا بأكثر من 20 ألف حاوية من الذخائر.")
    found = flows_of("وأضاف الجهاز أن بيونغ يانغ تلقت في المقابل أنظمة دفاع جوي ومساعدة في تطوير الأقمار الصناعية، "
                     "إضافة إلى نحو مليون برميل من النفط.", earlier)
    assert [(f.from_entity_id, f.to_entity_id, f.commodity) for f in found] == [
        ("russia", "north_korea", "air-defence systems"), ("russia", "north_korea", "space and satellite technology"),
        ("russia", "north_korea", "oil")]  # help in developing satellites: their technology


def test_intending_to_supply_in_return_for_weapons():
    found = flows_of("حذر بلينكن من أن روسيا تعتزم تزويد كوريا الشمالية بتكنولوجيا فضائية مقابل الأسلحة التي حصلت عليها.")
    assert [(f.from_entity_id, f.to_entity_id, f.commodity, f.status) for f in found] == [
        ("russia", "north_korea", "space and satellite technology", "planned"),
        ("north_korea", "russia", "weapons and munitions", "planned")]


@pytest.mark.parametrize("text, expected", [
    # a nationality inside the goods phrase says whose they are
    ("وأكد أن قوات كورية شمالية نشرت في منطقة كورسك الروسية.", [("north_korea", "russia", "troops")]),
    # people entering, or visiting with the verb first
    ("أظهرت بيانات أن أكثر من 13 ألف مواطن كوري شمالي دخلوا روسيا خلال عام 2023.", [("north_korea", "russia", "citizens")]),
    ("وزار نحو 1500 سائح روسي كوريا الشمالية العام الماضي.", [("russia", "north_korea", "tourists")]),
    # "his country" is the speaker's, and considering is a plan
    ("أكد الوزير تشو تاي يول أن سيول قلقة، مشيرا إلى أن بلاده تدرس إرسال أسلحة إلى أوكرانيا.",
     [("south_korea", "ukraine", "weapons and munitions")]),
    # the speaker's own words name no goods ("مسؤول عسكري" is no troops)
    ("ونقلت وكالة يونهاب عن مسؤول عسكري قوله إن الحاويات نقلت عبر ميناء راجين.", []),
    # the two ends of a route are no subject, nor the adjective of a port
    ('وقالت الوزارة إن السفينة قامت بـ 11 رحلة بين ميناء راجين الكوري الشمالي وميناء فوستوتشني الروسي، ونقلت آلاف الحاويات.', []),
])
def test_people_owners_and_route_ends(text, expected):
    assert triples(text) == expected


def test_a_decimal_quantity_does_not_end_the_clause():
    found = flows_of("استوردت كوريا الشمالية من روسيا نحو 1.5 مليون برميل من المنتجات النفطية خلال الربع الأول.")
    assert [(f.from_entity_id, f.to_entity_id, f.commodity, f.quantity_value) for f in found] == [
        ("russia", "north_korea", "refined petroleum", 1500000)]


@pytest.mark.parametrize("text, expected", [
    ("تقرير: بيونغ يانغ هربت ذخائر إلى روسيا عبر ميناء راجين", [("north_korea", "russia", "weapons and munitions")]),
    ("كوريا الشمالية تتسلم مقاتلات ميغ-29 من روسيا.", [("russia", "north_korea", "fighter aircraft")]),
    ("وصلت إلى ميناء نامبو الكوري الشمالي سفينة روسية محملة بـ25 ألف طن من القمح.", [("russia", "north_korea", "food")]),
    ("وأضاف أن روسيا تعتزم كذلك تزويد الشمال بالأسمدة والوقود.",
     [("russia", "north_korea", "fertiliser"), ("russia", "north_korea", "refined petroleum")]),
    ("وأضاف أن موسكو قدمت كذلك بيانات استخباراتية وتدريبات عسكرية لضباط كوريين شماليين.",
     [("russia", "north_korea", "intelligence"), ("russia", "north_korea", "military training")]),
    ("وقدمت كوريا الشمالية قذائف للقوات الروسية.", [("north_korea", "russia", "artillery shells")]),
])
def test_smuggling_taking_delivery_loads_and_whose_people(text, expected):
    assert triples(text) == expected


def test_delivered_in_return_goes_to_who_sent_before():
    earlier = flows_of("كشف تقرير أن كوريا الشمالية هربت إلى روسيا ما لا يقل عن 9 ملايين قذيفة مدفعية.")
    found = flows_of("وأوضح التقرير أن روسيا سلمت في المقابل أنظمة دفاع جوي.", earlier)
    assert [(f.from_entity_id, f.to_entity_id, f.direction_basis) for f in found] == [
        ("russia", "north_korea", "earlier sentence")]


@pytest.mark.parametrize("text, expected", [
    # whose goods ("جنودها"), and «إلى جانب» going on with a list
    ("وقال زيلينسكي إن بيونغ يانغ أرسلت جنودها إلى روسيا.", [("north_korea", "russia", "troops")]),
    ("قدمت موسكو لبيونغ يانغ أنظمة دفاع جوي، إلى جانب كميات من الأغذية والنفط.",
     [("russia", "north_korea", "air-defence systems"), ("russia", "north_korea", "food"), ("russia", "north_korea", "oil")]),
    # anti-tank missiles are no tanks
    ("شحنت كوريا الشمالية إلى روسيا قذائف مدفعية وصواريخ مضادة للدبابات.",
     [("north_korea", "russia", "artillery shells"), ("north_korea", "russia", "missiles")]),
    # technology about missiles is technology; help received from a nationality
    ("زودت روسيا كوريا الشمالية بتكنولوجيا تتعلق بالصواريخ الباليستية.", [("russia", "north_korea", "technology")]),
    ("حصلت كوريا الشمالية على مساعدة روسية في تطوير الأقمار الصناعية.",
     [("russia", "north_korea", "space and satellite technology")]),
    ("سيول تتهم موسكو بمساعدة بيونغ يانغ على تطوير صواريخها مقابل الجنود",
     [("russia", "north_korea", "missiles"), ("north_korea", "russia", "troops")]),
    # people moving, experts, deminers, and builders sent to rebuild a region
    ("رصد الجهاز انتقال نحو 1500 عنصر من القوات الخاصة الكورية الشمالية إلى فلاديفوستوك.",
     [("north_korea", "russia", "troops")]),
    ("أعلن شويغو أن كوريا الشمالية ستُرسل ألف خبير في إزالة الألغام و5 آلاف عامل بناء عسكري إلى كورسك.",
     [("north_korea", "russia", "deminers"), ("north_korea", "russia", "workers")]),
    ("كوريا الشمالية سترسل 6 آلاف عسكري لإعادة إعمار كورسك", [("north_korea", "russia", "troops")]),
    # who is allowed to export sends
    ("قد يسمح الجسر لبيونغ يانغ بتصدير العمالة إلى روسيا.", [("north_korea", "russia", "workers")]),
])
def test_possessed_goods_lists_technology_help_and_people(text, expected):
    assert triples(text) == expected


def test_containers_of_munitions_ship_munitions_counted_in_containers():
    for text in ("قالت سيول إن بيونغ يانغ شحنت أكثر من 13 ألف حاوية ذخيرة إلى روسيا.",
                 "قالت سيول إن بيونغ يانغ شحنت إلى روسيا أكثر من 13 ألف حاوية تضم ذخائر."):
        assert [(f.commodity, f.quantity_value) for f in flows_of(text)] == [("weapons and munitions", 13000)]
    # "ملايين الصواريخ وقذائف المدفعية": the count is the missiles', not the shells'
    found = flows_of("قالت واشنطن إن روسيا اشترت من كوريا الشمالية ملايين الصواريخ وقذائف المدفعية.")
    assert [(f.commodity, f.quantity_text) for f in found] == [("missiles", "ملايين الصواريخ"), ("artillery shells", "")]


@pytest.mark.parametrize("text, status", [
    ('قال المستشار إن سيول "لا تستبعد" تزويد أوكرانيا بأسلحة فتاكة.', "planned"),
    ("استبعدت سيول تزويد أوكرانيا بأسلحة فتاكة.", "denied"),
    ("قد يسمح الجسر لبيونغ يانغ بتصدير العمالة إلى روسيا.", "planned"),
])
def test_ruling_out_and_what_may_be_allowed(text, status):
    assert [f.status for f in flows_of(text)] == [status]


@pytest.mark.parametrize("text, expected", [
    # from a titled person, into a site in a city, past an aside listing what was sent
    ("تلقى الرئيس الروسي فلاديمير بوتين من الزعيم الكوري الشمالي كيم جونغ أون زوجا من كلاب بونغسان.",
     [("north_korea", "russia", "dogs")]),
    ("أرسلت روسيا أكثر من 70 حيوانا، بينها أسد أفريقي ودببة بنية، إلى حديقة الحيوانات المركزية في بيونغ يانغ.",
     [("russia", "north_korea", "animals")]),
    # missiles of one country fired by another were handed over
    ("أطلقت روسيا نحو 24 صاروخا باليستيا كوريا شماليا على أوكرانيا.", [("north_korea", "russia", "ballistic missiles")]),
    ("أطلقت كوريا الشمالية صاروخا باليستيا عابرا للقارات.", []),
    # what is paid for comes the other way; what it is paid with goes
    ("دفعت موسكو ثمن الذخائر الكورية الشمالية بالنفط.",
     [("russia", "north_korea", "oil"), ("north_korea", "russia", "weapons and munitions")]),
    ("دفعت موسكو لبيونغ يانغ مليار دولار ثمنا للذخائر.",
     [("russia", "north_korea", "money"), ("north_korea", "russia", "weapons and munitions")]),
    # goods after «على» in a phrase ending «في أوكرانيا» are no site in Ukraine
    ("اتفقا على تقاسم روسيا التكنولوجيا مع كوريا الشمالية في مقابل الحصول على ذخائر وأسلحة لاستخدامها في أوكرانيا.",
     [("russia", "north_korea", "technology"), ("north_korea", "russia", "weapons and munitions")]),
])
def test_titled_senders_sites_fired_missiles_and_payments(text, expected):
    assert triples(text) == expected


def test_accusations_called_baseless_are_denied():
    found = flows_of('قالت زاخاروفا إن "الاتهامات الغربية بشأن توريد أسلحة كورية شمالية إلى روسيا لا أساس لها".')
    assert [(f.from_entity_id, f.to_entity_id, f.status) for f in found] == [("north_korea", "russia", "denied")]


def test_a_transfer_points_to_the_statement_it_is_told_in():
    found = flows_of("وتنفي موسكو وبيونغ يانغ أي صفقات أسلحة بينهما، رغم تأكيد البيت الأبيض أن كوريا الشمالية "
                     "سلمت روسيا منصات إطلاق صواريخ.")
    assert [(f.commodity, f.attribution) for f in found] == [("missile launchers", "x#1.2")]


@pytest.mark.parametrize("text, expected", [
    # whose side troops fight on gets them
    ("وذلك بعد تقارير عن إرسال بيونغ يانغ آلاف الجنود للقتال إلى جانب القوات الروسية.",
     [("north_korea", "russia", "troops")]),
    # «إلى جانب» after a comma-less list is still «in addition to»
    ("أرسلت كوريا الشمالية صواريخ إلى جانب قذائف المدفعية إلى روسيا.",
     [("north_korea", "russia", "missiles"), ("north_korea", "russia", "artillery shells")]),
    # the object of a verb of help is helped (a closing quote may stand between them)
    ('وكان بوتين قد صرح بأن روسيا "ستساعد" كوريا الشمالية في بناء الأقمار الصناعية.',
     [("russia", "north_korea", "space and satellite technology")]),
    # «مقابل» after a comma: what is given in return goes the other way
    ("قالوا إن روسيا قدمت مساعدة تقنية لكوريا الشمالية في تطوير الصاروخ، مقابل شحنات من قذائف المدفعية.",
     [("russia", "north_korea", "technology"), ("north_korea", "russia", "artillery shells")]),
])
def test_fighting_alongside_help_given_and_what_comes_in_return(text, expected):
    assert triples(text) == expected


def test_a_hedged_deal_and_the_amount_named_after_the_goods():
    found = flows_of("قالوا إن روسيا قدمت على الأرجح مساعدة تقنية لكوريا الشمالية، مقابل شحنات من قذائف المدفعية "
                     "بلغت أكثر من مليون قذيفة.")
    assert [(f.commodity, f.status, f.quantity_value) for f in found] == [
        ("technology", "alleged", None), ("artillery shells", "alleged", 1000000)]


def test_what_would_be_sent_if_is_conditional():
    found = flows_of('وقال يون: "إذا أرسلت كوريا الشمالية قوات خاصة إلى أوكرانيا، فسنراجع موقفنا من تقديم أسلحة".')
    assert [(f.commodity, f.status) for f in found][0] == ("troops", "conditional")
    assert {f.status for f in found} == {"conditional"}
    assert [f.status for f in flows_of("وفي حال قررت موسكو تزويد بيونغ يانغ بمقاتلات، سترد سيول.")] == ["conditional"]


def test_people_who_arrived_come_from_whoever_sent_them_earlier():
    earlier = flows_of("أفادت الاستخبارات بأن كوريا الشمالية أرسلت 10 آلاف جندي إلى روسيا.")
    found = flows_of("وقال النائب إن نحو 3 آلاف جندي إضافي وصلوا إلى روسيا خلال الشهرين الماضيين.", earlier)
    assert [(f.from_entity_id, f.to_entity_id, f.commodity, f.quantity_value, f.direction_basis) for f in found] == [
        ("north_korea", "russia", "troops", 3000, "earlier sentence")]


def test_a_sum_of_money_does_not_count_people():
    found = flows_of("وتحصل كوريا الشمالية على 500 مليون دولار من عمالها في روسيا.")
    assert [f.quantity_text for f in found if f.commodity == "workers"] == [""]


@pytest.mark.parametrize("text, expected", [
    # «تسلم» with a giver and a receiver around it hands over (تُسلِّم); with one name after it, it received
    ("موسكو تسلم بيونغ يانغ منظومات دفاع جوي مقابل الجنود",
     [("russia", "north_korea", "air-defence systems"), ("north_korea", "russia", "troops")]),
    ("وتسلمت روسيا الصواريخ من كوريا الشمالية.", [("north_korea", "russia", "missiles")]),
    # روسيًّا after an indefinite noun is the adjective: whose oil
    ("تقرير أممي: بيونغ يانغ تلقت نفطا روسيا يتجاوز السقف", [("russia", "north_korea", "oil")]),
    # whose exports, by nationality, and what most of them are
    ("أظهرت البيانات أن الصادرات الروسية إلى كوريا الشمالية بلغت 27 مليون دولار، معظمها من المواد الغذائية والأسمدة.",
     [("russia", "north_korea", "food"), ("russia", "north_korea", "fertiliser")]),
    ("تصدر كوريا الشمالية إلى روسيا كميات محدودة من المأكولات البحرية والمنسوجات.",
     [("north_korea", "russia", "seafood"), ("north_korea", "russia", "textiles")]),
    # where goods come from, and who uses them
    ("وقال إن نصف القذائف التي تطلقها القوات الروسية على الجبهة مصدرها كوريا الشمالية.",
     [("north_korea", "russia", "artillery shells")]),
    ("وعثر المحققون على صواريخ مصنوعة في كوريا الشمالية أطلقتها روسيا على خاركيف.",
     [("north_korea", "russia", "missiles")]),
    ("وعثر المحققون على مكونات إلكترونية مصنوعة في الولايات المتحدة.", []),
])
def test_handing_over_whose_exports_and_where_goods_come_from(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text", ["الفيتو", "اعتماد", "كوريا الشمالية تزيد الصادرات", "قدمت روسيا المساعدة في"])
def test_a_sentence_ending_on_a_transfer_or_help_word_reads_without_failing(text):
    assert isinstance(flows_of(text), list)


def test_goods_named_before_an_import_verb_with_an_amount_after_it():
    found = flows_of("يعد الغاز الجزائري مهما، وتستورد إيطاليا 20 مليار متر مكعب منه سنويا.")
    assert [(f.from_entity_id, f.to_entity_id, f.commodity, f.quantity_text) for f in found] == \
        [("algeria", "italy", "energy", "20 مليار متر مكعب")]


def test_no_goods_are_borrowed_when_no_amount_follows_the_verb():
    assert triples("ارتفعت أسعار النفط، وتستورد إيطاليا من الجزائر.") == []


def test_the_next_in_a_ranking_of_importers_takes_the_same_goods_and_its_own_amount():
    found = flows_of("أكبر مستوردي القمح الروسي مصر التي تستورد 8 ملايين طن، تليها تركيا 5 ملايين طن.")
    assert [(f.from_entity_id, f.to_entity_id, f.commodity, f.quantity_value) for f in found] == \
        [("russia", "egypt", "food", 8_000_000), ("russia", "turkey", "food", 5_000_000)]


def test_a_past_tense_cue_stands_for_its_feminine_plural_and_dual_forms():
    from analysis.flows import past_tense_forms

    assert past_tense_forms("تبرع", "donated") == ("تبرعت", "تبرعوا", "تبرعتا")
    assert past_tense_forms("اشتري", "bought") == ("اشترت", "اشتروا", "اشترتا")
    assert past_tense_forms("يتبرع", "donates") == () and past_tense_forms("تصدير", "exporting") == ()
    assert triples("تبرعت قطر بشحنة قمح إلى اليمن.") == [("qatar", "yemen", "food")]


def test_a_number_of_nationals_in_other_countries_is_people_from_their_country_to_each():
    found = flows_of("تواجد ما يقرب من 3 ملايين أوكراني في ألمانيا والتشيك وإيطاليا")
    assert [(f.from_entity_id, f.to_entity_id, f.commodity, f.quantity_value) for f in found] == \
        [("ukraine", "germany", "citizens", 3_000_000), ("ukraine", "czech_republic", "citizens", 3_000_000),
         ("ukraine", "italy", "citizens", 3_000_000)]


def test_nationals_in_a_second_place_with_their_own_number_are_not_given_the_first_number():
    assert triples("يعيش 3.6 مليون سوري في تركيا و800 ألف في لبنان.") == [("syria", "turkey", "citizens")]


def test_nationals_killed_somewhere_went_nowhere():
    assert triples("قتل 300 سوري في تركيا.") == []


def test_goods_on_board_go_from_the_vehicles_owner_to_where_it_heads():
    found = flows_of("وأقلعت طائرتان تابعتان للقوات الجوية الكويتية صباح أمس متجهتين إلى تركيا وعلى متنهما 80 طنًا "
                     "من المواد الإغاثية.")
    assert [(f.from_entity_id, f.to_entity_id, f.commodity, f.quantity_value) for f in found] == \
        [("kuwait", "turkey", "relief supplies", 80)]


def test_goods_on_board_a_ship_to_a_port():
    assert triples("وصلت سفينة روسية إلى ميناء اللاذقية السوري وعلى متنها 20 ألف طن من القمح.") == \
        [("russia", "syria", "food")]


def test_an_air_force_is_no_troops_sent():
    assert triples("أقلعت طائرة تابعة للقوات الجوية الكويتية إلى تركيا.") == []


def test_a_date_between_commas_does_not_part_a_verb_from_its_goods():
    [f] = flows_of("كما تبرعت الكويت، أمس الخميس، بمبلغ 30 مليون دولار لتركيا.")
    assert (f.from_entity_id, f.to_entity_id, f.commodity, f.quantity_value) == ("kuwait", "turkey", "money", 30_000_000)


def test_the_places_of_the_people_helped_receive_the_aid():
    assert triples("تبرعت قطر بمبلغ 5 ملايين دولار لدعم الجهود الإغاثية عن المتضررين في المغرب وليبيا.") == \
        [("qatar", "morocco", "money"), ("qatar", "libya", "money")]


def test_the_people_a_purpose_helps_are_no_goods():
    assert triples("قدمت قطر 50 مليون دولار لإغاثة النازحين في السودان.") == [("qatar", "sudan", "money")]
    assert triples("أرسلت تركيا المساعدات لدعم اللاجئين في لبنان.") == [("turkey", "lebanon", "aid")]


def test_the_south_of_a_country_named_by_its_adjective_is_no_korea():
    assert all("south_korea" not in (f.from_entity_id, f.to_entity_id)
               for f in flows_of("حصل الدعم السريع على شحنات سلاح من وحدات في الجنوب الليبي، كما اشترى سيارات من ليبيا."))


def test_units_of_a_countrys_army_send_for_that_country():
    assert ("libya", "sudan", "weapons and munitions") in \
        triples("وأشار التقرير إلى أن الدعم السريع حصل على شحنات سلاح من وحدات في الجيش الليبي في سبها.")


def test_each_receiver_listed_with_its_own_amount_gets_that_amount():
    found = flows_of("سمحت الهند بتصدير 60 ألف طن من الأرز لمصر، و100 ألف لكينيا، و50 ألف طن لمدغشقر.")
    assert [(f.to_entity_id, f.quantity_value, f.quantity_unit) for f in found] == \
        [("egypt", 60000, "ton"), ("kenya", 100000, "ton"), ("madagascar", 50000, "ton")]
