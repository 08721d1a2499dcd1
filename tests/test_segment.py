"""Cleaning and sentence splitting on the tricky cases."""
import pytest

from analysis.segment import furniture_reason, is_title, segment, split_sentences


def sentences_of(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_arabic_terminators_split_and_commas_do_not():
    assert sentences_of("وصل الوفد، برئاسة الوزير. ثم غادر؟ نعم! وانتهى…") == [
        "وصل الوفد، برئاسة الوزير.", "ثم غادر؟", "نعم!", "وانتهى…",
    ]


def test_dotted_abbreviations_are_not_sentence_ends():
    text = 'وفق ما ذكرت شبكة "سي. إن. إن" الإخبارية الأمريكية. وأعلن الكرملين ذلك.'
    assert sentences_of(text) == ['وفق ما ذكرت شبكة "سي. إن. إن" الإخبارية الأمريكية.', "وأعلن الكرملين ذلك."]
    assert len(sentences_of("نقلت وكالة أ.ف.ب الخبر. ثم نفته.")) == 2
    assert len(sentences_of("قال د. أحمد إن الأمر خطير.")) == 1


def test_decimals_do_not_split():
    assert sentences_of("ارتفعت النسبة إلى 12.5% هذا العام.") == ["ارتفعت النسبة إلى 12.5% هذا العام."]


def test_quotes_keep_their_inner_punctuation():
    text = 'قال المتحدث :"نشعر بالقلق. ونراقب الوضع" في إشارة إلى كوريا الشمالية. ثم غادر.'
    assert sentences_of(text) == ['قال المتحدث :"نشعر بالقلق. ونراقب الوضع" في إشارة إلى كوريا الشمالية.', "ثم غادر."]
    curly = "وأضاف أن بيونغ يانغ ستفعل ذلك “مقابل استيراد الغذاء. وموارد الطاقة”. وانتهى اللقاء."
    assert sentences_of(curly) == ["وأضاف أن بيونغ يانغ ستفعل ذلك “مقابل استيراد الغذاء. وموارد الطاقة”.", "وانتهى اللقاء."]
    guillemets = "قال «هذا خطير. جدا» ثم سكت."
    assert sentences_of(guillemets) == ["قال «هذا خطير. جدا» ثم سكت."]


def test_a_quote_that_ends_a_sentence_closes_it():
    text = 'وقال: "سنرد بقوة." وأضاف الوزير تفاصيل أخرى.'
    assert sentences_of(text) == ['وقال: "سنرد بقوة."', "وأضاف الوزير تفاصيل أخرى."]


def test_unmatched_quotes_do_not_swallow_the_paragraph():
    text = 'قال المسؤول "إن الوضع خطير. وأضاف أن الحل قريب. ثم غادر.'
    assert len(sentences_of(text)) == 3
    text = "قال «إن الوضع خطير. وأضاف أن الحل قريب."
    assert len(sentences_of(text)) == 2


@pytest.mark.parametrize("line", ["قد يهمك:", "عن الكاتب:", "اترك رد", "مواضيع أخرى", "اقرأ أيضاً", "12 تعليقات", "التعليقات (3)"])
def test_site_furniture_is_recognised(line):
    assert furniture_reason(line)


def test_prose_is_not_furniture():
    assert furniture_reason("قد يهمك أن تعرف أن روسيا أرسلت النفط.") is None


def test_cleaning_sets_aside_furniture_captions_and_blank_lines():
    text = "عنوان المقال\nالجملة الأولى.\n\xa0\nصورة الرئيس\nصورة الرئيس\nالجملة الثانية.\n\nقد يهمك:\nاترك رد\n"
    seg = segment(text)
    assert [s.text for s in seg.sentences] == ["عنوان المقال", "الجملة الأولى.", "الجملة الثانية."]
    reasons = [x.reason for x in seg.excluded]
    assert reasons.count("caption (repeated on consecutive lines)") == 2
    assert sum(r.startswith("site furniture") for r in reasons) == 2
    assert any(r.startswith("blank") for r in reasons)
    for x in seg.excluded:
        assert text[x.start:x.end] == x.text
    assert seg.headline == "عنوان المقال"


def test_headline_is_a_short_first_line_without_final_punctuation():
    assert is_title("روسيا وكوريا الشمالية: ماذا يمكنهما أن يفعلا لبعضهما البعض؟")
    assert not is_title("استأنفت روسيا إرسال النفط إلى كوريا الشمالية.")
    assert segment("استأنفت روسيا إرسال النفط.\nثم توقفت.").headline == ""


def test_a_site_name_with_a_dot_is_not_a_sentence_end():
    assert sentences_of("موسكو - العربية.نت وقال الوزير إن الزيارة ناجحة.") == ["موسكو - العربية.نت وقال الوزير إن الزيارة ناجحة."]
    assert len(sentences_of("وقال موقع RT.com إن الأمر كذلك. ثم نفاه.")) == 2
    assert len(sentences_of("وصل الوفد.وقال الوزير إن الزيارة ناجحة.")) == 2  # a missing space still ends one
