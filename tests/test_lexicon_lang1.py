"""Tagging in Portuguese, Romanian, Czech, Slovak, Slovenian, Croatian, Bulgarian and Greek.

Items run through the real :class:`Tagger` with the shipped lexicon (its
``lexicon.d`` files) on a small chain: the nodes of ``config/graph`` these
languages report on, with their shipped aliases (local names and case forms),
plus a few hand-built sites. Headlines marked "real" are publishers' titles or
lead sentences (source in the comment); the others follow real headline
phrasing of the same outlets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import default_lexicon, parse_phrase
from graphs.loader import load_graph
from graphs.model import Ecosystem, ValueChain
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger
from graphs.types import DISRUPTION_TYPES
from helpers_tagging import node

LANGS = ("pt", "ro", "cs", "sk", "sl", "hr", "bg", "el")
TYPES = tuple(t for t in DISRUPTION_TYPES if t != "trade_drop")
CONFIG_GRAPH = Path(__file__).resolve().parent.parent / "config" / "graph"

#: nodes of the shipped graph (their aliases as shipped)
CONFIG_NODES = (
    "port-koper", "port-piraeus", "port-dubrovnik", "port-constanta", "port-odesa", "suez-canal", "red-sea",
    "strait-of-hormuz", "bosporus", "skoda-mlada-boleslav", "volkswagen-bratislava", "kia-zilina",
    "stellantis-trnava", "us-steel-kosice", "zentiva-prague", "krka-novo-mesto", "vale-do-ave-textile",
)  # fmt: skip


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    full = load_graph(CONFIG_GRAPH)
    nodes = {nid: full.nodes[nid] for nid in CONFIG_NODES}
    for n in (
        node("port-sines", "Port of Sines", "porto de Sines", "Terminal XXI", kind="port", lat=37.95, lon=-8.87, country="PT"),
        node("autoeuropa", "Volkswagen Autoeuropa", "Autoeuropa", kind="site", lat=38.57, lon=-8.87, country="PT"),
        node("dacia-mioveni", "Dacia Mioveni", "Dacia", "Uzina Dacia", "Uzinele Dacia", kind="site",
             lat=44.95, lon=24.94, country="RO"),
        node("port-varna", "Port of Varna", "Пристанище Варна", "пристанището във Варна", kind="port",
             lat=43.19, lon=27.90, country="BG"),
    ):
        nodes[n.id] = n
    chain = ValueChain(ecosystems={"x": Ecosystem("x", "X")}, nodes=nodes, edges=[], version="lang1-test")
    return Tagger(chain, default_lexicon(), places=False)


def events(tagger: Tagger, lang: str, title: str, text: str = ""):
    return {(e.target, e.type): e for e in tagger.tag(title, text, lang)}


def test_every_type_has_terms_cancel_and_recovery_phrases_in_each_language():
    lx = default_lexicon()
    for lang in LANGS:
        for name in TYPES:
            t = lx.types[name]
            assert t.terms.get(lang), (lang, name, "terms")
            assert t.cancel.get(lang), (lang, name, "cancel")
            assert t.recovery.get(lang), (lang, name, "recovery")
        assert lx.cancel.get(lang) and lx.recovery.get(lang) and lx.ended_by.get(lang), lang
        assert f"graphs/data/lexicon.d/{lang}.yaml" in lx.files


def test_greek_and_cyrillic_terms_fold_like_the_text(tagger):
    # accents and final sigma are folded in phrases and text alike ("ΑΠΕΡΓΙΕΣ" = "απεργίες")
    assert parse_phrase("απαγορευτικό απόπλου")[0].key == "απαγορευτικο αποπλου"
    assert parse_phrase("απεργι*")[0].key == "απεργι"
    ev = events(tagger, "el", "ΑΠΕΡΓΙΕΣ ΚΑΙ ΑΠΑΓΟΡΕΥΤΙΚΟ ΑΠΟΠΛΟΥ ΣΤΟ ΛΙΜΑΝΙ ΤΟΥ ΠΕΙΡΑΙΑ")
    assert {("port-piraeus", "strike"), ("port-piraeus", "blockage")} <= set(ev)
    # й folds to и in phrases and text alike
    assert parse_phrase("тайфун")[0].key == "таифун"
    assert ("port-varna", "natural_disaster") in events(tagger, "bg", "ТАЙФУН ЗАТВОРИ ПРИСТАНИЩЕ ВАРНА")


# (language, title, text, node, type) -- every type in every language
POSITIVES = [
    # -- Portuguese
    ("pt", "Greve de estivadores em Sines ameaça expansão do Terminal XXI", "", "port-sines", "strike"),  # real: Jornal Económico
    ("pt", "Autoeuropa suspende produção devido a falta de peças de fornecedor esloveno", "", "autoeuropa", "outage"),  # real: CM
    ("pt", "Falta de motores força paragem de 8 dias na Autoeuropa em dezembro", "", "autoeuropa", "shortage"),  # real: Negócios
    ("pt", "Incêndio deflagrou num armazém do Terminal XXI", "", "port-sines", "fire"),
    ("pt", "Mau tempo: tempestade obriga a fechar o porto de Sines", "", "port-sines", "natural_disaster"),
    ("pt", "Porto de Sines continua encerrado; navios obrigados a voltar para trás", "", "port-sines", "blockage"),
    ("pt", "Filas de camiões e navios à espera no porto de Sines", "", "port-sines", "congestion"),
    ("pt", "Tarifas aduaneiras dos EUA atingem têxteis do Vale do Ave", "", "vale-do-ave-textile", "trade_restriction"),
    # Brazilian spelling: "controle(s)", not the European "controlo(s)"
    ("pt", "Novos controles de exportação dos EUA atingem fornecedores da Autoeuropa", "", "autoeuropa",
     "trade_restriction"),
    ("pt", "Ciberataque deixa sistemas informáticos do porto de Sines em baixo", "", "port-sines", "cyberattack"),
    ("pt", "Têxtil do Vale do Ave pede insolvência", "", "vale-do-ave-textile", "insolvency"),
    ("pt", "Colisão entre dois navios no porto de Sines", "", "port-sines", "accident"),
    ("pt", "Ataques dos houthis no Mar Vermelho obrigam navios a contornar África", "", "red-sea", "conflict"),
    ("pt", "Confinamento: Autoeuropa suspende produção", "", "autoeuropa", "lockdown"),
    ("pt", "Estreito de Ormuz vira palco de batalha naval que preocupa mercado de petróleo",  # real: g1 (title, lead)
     "Empresas de transporte marítimo passaram a receber mensagens da Guarda Revolucionária do Irã anunciando a "
     "proibição de navegação pelo Estreito de Ormuz.", "strait-of-hormuz", "blockage"),
    # -- Romanian
    ("ro", "Greva lucrătorilor din terminalul de containere CSCT a blocat sute de TIR-uri în port",  # real: Cuget Liber
     "Greva generală declarată de Sindicatul Terminal Sud a blocat 90% din traficul de mărfuri containerizate "
     "derulat prin portul Constanța.", "port-constanta", "strike"),
    ("ro", "Activitatea în Portul Constanța este, în continuare, parțial blocată", "", "port-constanta", "blockage"),  # real: Rador
    ("ro", "Dacia oprește șapte zile producția la Mioveni, din cauza crizei semiconductorilor", "",  # real: Realitatea
     "dacia-mioveni", "outage"),
    ("ro", "Dacia oprește șapte zile producția la Mioveni, din cauza crizei semiconductorilor", "",
     "dacia-mioveni", "shortage"),
    ("ro", "Incendiu puternic la un depozit din Portul Constanța", "", "port-constanta", "fire"),
    ("ro", "Furtuna a paralizat activitatea în portul Constanța", "", "port-constanta", "natural_disaster"),
    ("ro", "Cozi de camioane de zeci de kilometri la intrarea în Portul Constanța", "", "port-constanta", "congestion"),
    ("ro", "Embargoul rusesc lovește exporturile prin portul Constanța", "", "port-constanta", "trade_restriction"),
    ("ro", "Atac cibernetic asupra sistemelor portului Constanța", "", "port-constanta", "cyberattack"),
    ("ro", "Operatorul de containere din Portul Constanța a intrat în insolvență", "", "port-constanta", "insolvency"),
    ("ro", "Coliziune între două nave în Portul Constanța", "", "port-constanta", "accident"),
    ("ro", "Atac cu drone rusești asupra portului Odesa", "", "port-odesa", "conflict"),
    ("ro", "Dacia oprește producția la Mioveni din cauza pandemiei", "", "dacia-mioveni", "lockdown"),
    ("ro", "Toate porturile din Constanța au fost închise din cauza vântului puternic",  # real: Gândul
     "Manevrele navelor au fost suspendate, în cursul nopții de vineri spre sâmbătă, în toate porturile constănțene.",
     "port-constanta", "natural_disaster"),
    ("ro", "Porturi închise din cauza vântului",  # real: Rador (title and lead)
     "Porturile Constanţa Nord, Constanţa Sud şi Midia au fost închise în această dimineaţă din cauza vântului.",
     "port-constanta", "blockage"),
    # -- Czech
    ("cs", "Několik tisíc zaměstnanců automobilky Škoda Auto stávkovalo ve středu odpoledne před branami závodu",  # real: Stream
     "", "skoda-mlada-boleslav", "strike"),
    ("cs", "Škoda Auto od 27. září zcela zastaví na celý týden výrobu ve všech třech svých závodech",  # real: Aktuálně
     "", "skoda-mlada-boleslav", "outage"),
    ("cs", "Nedostatek čipů přerušil výrobu ve slovenském Volkswagenu", "", "volkswagen-bratislava", "shortage"),  # real: Novinky
    ("cs", "Požár v lakovně Škody Auto v Mladé Boleslavi", "", "skoda-mlada-boleslav", "fire"),
    ("cs", "Povodně zaplavily areál Zentivy v Praze", "", "zentiva-prague", "natural_disaster"),
    ("cs", "Suezský průplav je zablokovaný, lodě musely otočit zpět", "", "suez-canal", "blockage"),
    ("cs", "Zácpa v Suezském průplavu: lodě čekají dny na proplutí", "", "suez-canal", "congestion"),
    ("cs", "Americká cla zasáhnou Škodu Auto", "", "skoda-mlada-boleslav", "trade_restriction"),
    ("cs", "Zentiva čelí kybernetickému útoku, výroba léků je omezena", "", "zentiva-prague", "cyberattack"),
    ("cs", "Zentiva podala insolvenční návrh", "", "zentiva-prague", "insolvency"),
    ("cs", "Nehoda v závodě Škoda Auto: únik chemikálií v lakovně", "", "skoda-mlada-boleslav", "accident"),
    ("cs", "Ruský raketový útok zasáhl přístav v Oděse", "", "port-odesa", "conflict"),
    ("cs", "Škoda Auto zastavuje výrobu kvůli koronaviru", "", "skoda-mlada-boleslav", "lockdown"),
    # -- Slovak
    ("sk", "Zamestnanci Volkswagenu Slovakia vstúpili do štrajku", "", "volkswagen-bratislava", "strike"),
    ("sk", "Odstávka výroby SUV modelov v bratislavskom Volkswagene bude pokračovať", "",  # real: Aktuality
     "volkswagen-bratislava", "outage"),
    ("sk", "Volkswagen Slovakia potvrdil čiastočné odstavenie výroby pre nedostatok čipov", "",  # real: Čas
     "volkswagen-bratislava", "shortage"),
    ("sk", "Požiar v lakovni Kia Slovakia v Žiline", "", "kia-zilina", "fire"),
    ("sk", "Povodne zaplavili areál USSK v Košiciach", "", "us-steel-kosice", "natural_disaster"),
    ("sk", "Hormuzský prieliv je zablokovaný, tankery uviazli", "", "strait-of-hormuz", "blockage"),
    ("sk", "Kilometrové kolóny kamiónov pred závodom Kia v Žiline", "", "kia-zilina", "congestion"),
    ("sk", "Americké clá zasiahnu aj Stellantis v Trnave", "", "stellantis-trnava", "trade_restriction"),
    ("sk", "Kybernetický útok ochromil systémy Volkswagen Slovakia", "", "volkswagen-bratislava", "cyberattack"),
    ("sk", "Košická oceliareň vstúpila do reštrukturalizácie", "", "us-steel-kosice", "insolvency"),
    ("sk", "Nehoda v areáli Stellantis v Trnave: únik čpavku", "", "stellantis-trnava", "accident"),
    ("sk", "Ruský útok dronmi na prístav v Odese", "", "port-odesa", "conflict"),
    ("sk", "Kia Slovakia zastavila výrobu kvôli koronavírusu", "", "kia-zilina", "lockdown"),
    # -- Slovenian
    ("sl", "Bela stavka v Luki Koper", "V Luki Koper danes poteka bela stavka.", "port-koper", "strike"),  # real: STA
    ("sl", "Požar v novomeški Krki", "", "krka-novo-mesto", "fire"),  # real: Slovenske novice
    ("sl", "Neurje z orkanskim vetrom ohromilo Luko Koper", "", "port-koper", "natural_disaster"),
    ("sl", "Protestniki za pol ure zaprli tovorni vhod v Luko Koper", "", "port-koper", "blockage"),  # real phrasing: Delo
    ("sl", "Zastoji tovornjakov pred Luko Koper, čakalne dobe do deset ur", "", "port-koper", "congestion"),
    ("sl", "Izpad elektrike ohromil delo v Luki Koper", "", "port-koper", "outage"),
    ("sl", "V tovarni zdravil Krka primanjkuje surovin", "", "krka-novo-mesto", "shortage"),
    ("sl", "Ameriške carine bodo prizadele novomeško Krko", "", "krka-novo-mesto", "trade_restriction"),
    ("sl", "Hekerski napad na informacijski sistem Luke Koper", "", "port-koper", "cyberattack"),
    ("sl", "Stečaj izvajalca pristaniških storitev v Luki Koper", "", "port-koper", "insolvency"),
    ("sl", "Trčenje dveh ladij v Luki Koper", "", "port-koper", "accident"),
    ("sl", "Ruski napad z droni na pristanišče v Odesi", "", "port-odesa", "conflict"),
    ("sl", "Karantena v Luki Koper zaradi koronavirusa", "", "port-koper", "lockdown"),
    ("sl", "Jemenski uporniki v Rdečem morju zajeli tovorno ladjo, za tarčo vzeli izraelska plovila", "",  # real: RTV SLO
     "red-sea", "conflict"),
    ("el", "Βάζει νερά στη μηχανή το ελληνόκτητο πλοίο που χτύπησαν οι Χούθι στην Ερυθρά Θάλασσα", "",  # real: Newsbeast
     "red-sea", "conflict"),
    # -- Croatian
    ("hr", "Štrajk lučkih radnika u Luci Dubrovnik", "", "port-dubrovnik", "strike"),
    ("hr", "Požar na brodu u dubrovačkoj luci", "", "port-dubrovnik", "fire"),
    ("hr", "Nevrijeme i orkanska bura zatvorili Luku Gruž", "", "port-dubrovnik", "natural_disaster"),
    ("hr", "Luka Dubrovnik zatvorena zbog jakog juga, brodovi su se morali vratiti", "", "port-dubrovnik", "blockage"),
    ("hr", "Gužve i kilometarske kolone u Luci Gruž", "", "port-dubrovnik", "congestion"),
    ("hr", "Nestanak struje u Luci Dubrovnik", "", "port-dubrovnik", "outage"),
    ("hr", "Nestašica goriva u Luci Dubrovnik", "", "port-dubrovnik", "shortage"),
    ("hr", "Nove carine pogađaju promet u Luci Dubrovnik", "", "port-dubrovnik", "trade_restriction"),
    ("hr", "Hakerski napad na informacijski sustav Luke Dubrovnik", "", "port-dubrovnik", "cyberattack"),
    ("hr", "Luka Dubrovnik pred stečajem", "", "port-dubrovnik", "insolvency"),
    ("hr", "Sudar dvaju brodova u Luci Gruž", "", "port-dubrovnik", "accident"),
    ("hr", "Ruski raketni napad na luku u Odesi", "", "port-odesa", "conflict"),
    ("hr", "Karantena u Luci Dubrovnik zbog koronavirusa", "", "port-dubrovnik", "lockdown"),
    # -- Bulgarian
    ("bg", "Ефективна стачка блокира Пристанище Варна", "", "port-varna", "strike"),
    ("bg", "Пожар избухна в склад на Пристанище Варна", "", "port-varna", "fire"),
    ("bg", "Бурята спря работата в Пристанище Варна", "", "port-varna", "natural_disaster"),
    ("bg", "Протест на работници затваря пътя към пристанище Варна-Запад", "", "port-varna", "blockage"),  # real: varna.news
    ("bg", "Километрични опашки от камиони пред Пристанище Варна", "", "port-varna", "congestion"),
    ("bg", "Движението през Босфора бе спряно",  # real: Факти (title and lead)
     "От снощи е преустановено движението на корабите през протока Босфор край Истанбул и в двете посоки. "
     "Корабите изчакват на котва в открито море отварянето на протока.", "bosporus", "blockage"),
    ("bg", "Авария остави Пристанище Варна без ток", "", "port-varna", "outage"),
    ("bg", "Недостиг на гориво в Пристанище Варна", "", "port-varna", "shortage"),
    ("bg", "Санкциите срещу Русия удариха Пристанище Варна", "", "port-varna", "trade_restriction"),
    ("bg", "Хакерска атака срещу системите на Пристанище Варна", "", "port-varna", "cyberattack"),
    ("bg", "Пристанище Варна е пред фалит", "", "port-varna", "insolvency"),
    ("bg", "Сблъсък на два кораба в Пристанище Варна", "", "port-varna", "accident"),
    ("bg", "Руски ракетен удар по Одеското пристанище", "", "port-odesa", "conflict"),
    ("bg", "Карантина в Пристанище Варна заради коронавируса", "", "port-varna", "lockdown"),
    # -- Greek
    ("el", "Πειραιάς: Δεμένα τα πλοία λόγω παμπειραϊκής απεργίας",  # real: ΣΚΑΪ (title and lead)
     "Παμπειραϊκή απεργία κρατά δεμένα από το πρωί τα πλοία στο λιμάνι του Πειραιά.", "port-piraeus", "strike"),
    ("el", "Δεμένα παραμένουν από το πρωί της Παρασκευής τα πλοία στο λιμάνι του Πειραιά", "",  # real: real.gr
     "port-piraeus", "blockage"),
    ("el", "Φωτιά σε πλοίο στο λιμάνι του Πειραιά", "", "port-piraeus", "fire"),
    ("el", "Κακοκαιρία: κλειστό το λιμάνι του Πειραιά", "", "port-piraeus", "natural_disaster"),
    ("el", "Ουρές φορτηγών και καθυστερήσεις στο λιμάνι του Πειραιά", "", "port-piraeus", "congestion"),
    ("el", "Διακοπή ρεύματος στο λιμάνι του Πειραιά", "", "port-piraeus", "outage"),
    ("el", "Ελλείψεις καυσίμων στο λιμάνι του Πειραιά", "", "port-piraeus", "shortage"),
    ("el", "Οι δασμοί του Τραμπ πλήττουν το λιμάνι του Πειραιά", "", "port-piraeus", "trade_restriction"),
    ("el", "Κυβερνοεπίθεση στα συστήματα του ΟΛΠ", "", "port-piraeus", "cyberattack"),
    ("el", "Πτώχευση ναυτιλιακής στο λιμάνι του Πειραιά", "", "port-piraeus", "insolvency"),
    ("el", "Σύγκρουση δύο πλοίων στο λιμάνι του Πειραιά", "", "port-piraeus", "accident"),
    ("el", "Ρωσική επίθεση με drones στο λιμάνι της Οδησσού", "", "port-odesa", "conflict"),
    ("el", "Καραντίνα στο λιμάνι του Πειραιά λόγω κορονοϊού", "", "port-piraeus", "lockdown"),
]


def test_positives_cover_every_type_in_every_language():
    covered = {(lang, typ) for lang, _, _, _, typ in POSITIVES}
    assert covered == {(lang, typ) for lang in LANGS for typ in TYPES}


@pytest.mark.parametrize(("lang", "title", "text", "target", "typ"), POSITIVES)
def test_item_tags_node_with_type(tagger, lang, title, text, target, typ):
    ev = events(tagger, lang, title, text)
    assert (target, typ) in ev, sorted(ev)
    e = ev[(target, typ)]
    assert e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery


# (language, title, text, node, type that must NOT be raised)
CANCELLED = [
    # drills and exercises
    ("pt", "Simulacro de incêndio no porto de Sines testa plano de emergência", "", "port-sines", "fire"),
    ("ro", "Exercițiu de incendiu în Portul Constanța", "", "port-constanta", "fire"),
    ("cs", "Námětové cvičení hasičů: požár v lakovně Škody Auto", "", "skoda-mlada-boleslav", "fire"),
    ("sk", "Požiarne cvičenie v závode Kia Slovakia", "", "kia-zilina", "fire"),
    ("sl", "Krkini gasilci so imeli požarno vajo v novomeški Krki", "", "krka-novo-mesto", "fire"),  # real phrasing: Dolenjski list
    ("hr", "Vatrogasna vježba u Luci Dubrovnik: simuliran požar na brodu", "", "port-dubrovnik", "fire"),
    ("bg", "Пожарно учение в Пристанище Варна", "", "port-varna", "fire"),
    ("el", "Άσκηση πυρκαγιάς στο λιμάνι του Πειραιά", "", "port-piraeus", "fire"),
    # a military strike is conflict, never a labour strike
    ("cs", "Letecký úder na přístav v Oděse", "", "port-odesa", "strike"),
    ("bg", "Руски ракетен удар по Одеското пристанище", "", "port-odesa", "strike"),
    ("hr", "Zračni udar na luku u Odesi", "", "port-odesa", "strike"),
    # denials and "no impact"
    ("pt", "APS diz que atividade do porto de Sines decorre dentro da normalidade apesar da greve", "",  # real: Destak
     "port-sines", "strike"),
    ("ro", "Dacia neagă că producția ar fi afectată de lipsa de cipuri", "", "dacia-mioveni", "shortage"),
    ("cs", "Zentiva v insolvenci? Firma spekulace vyvrací", "", "zentiva-prague", "insolvency"),
    ("sk", "Volkswagen Slovakia popiera, že by nedostatok čipov ovplyvnil výrobu", "", "volkswagen-bratislava", "shortage"),
    ("sl", "Luka Koper zanika, da bi stavka vplivala na pretovor", "", "port-koper", "strike"),
    ("bg", "Пристанище Варна опровергава слуховете за стачка", "", "port-varna", "strike"),
    ("el", "ΟΛΠ: κανονικά η λειτουργία του λιμανιού παρά την απεργία", "", "port-piraeus", "strike"),
    # planned stops, recalls, business idioms, history
    ("sk", "Výrobné linky v závode Volkswagen Slovakia sa zastavia, začne plánovaná celozávodná odstávka", "",  # real: Čas
     "volkswagen-bratislava", "outage"),
    ("ro", "Dacia recheamă 10.000 de mașini din cauza unui risc de incendiu", "", "dacia-mioveni", "fire"),
    ("sk", "V žilinskej automobilke Kia bude pokračovať dvojzmenná prevádzka aj v júli",  # real: Webnoviny (lead)
     "Od 27. júla do 7. augusta bude podľa pôvodného termínu letná odstávka.", "kia-zilina", "outage"),
    ("cs", "Škoda Auto svolává vozy kvůli riziku požáru", "", "skoda-mlada-boleslav", "fire"),
    ("pt", "Guerra de preços entre fabricantes pressiona a Autoeuropa", "", "autoeuropa", "conflict"),
    ("el", "Πόλεμος τιμών στη ναυτιλία: πιέσεις στο λιμάνι του Πειραιά", "", "port-piraeus", "conflict"),
    ("hr", "Luka Dubrovnik na obljetnicu Domovinskog rata", "", "port-dubrovnik", "conflict"),
    ("bg", "Търговската война удари и Пристанище Варна", "", "port-varna", "conflict"),
    ("sl", "Luka Koper pod ognjem kritik zaradi novega terminala", "", "port-koper", "fire"),
]


@pytest.mark.parametrize(("lang", "title", "text", "target", "typ"), CANCELLED)
def test_cancelling_context_keeps_the_type_below_threshold(tagger, lang, title, text, target, typ):
    ev = events(tagger, lang, title, text)
    e = ev.get((target, typ))
    assert e is None or e.confidence < DEFAULT_MIN_CONFIDENCE, (e.confidence, e.evidence)


def test_military_strike_is_conflict(tagger):
    for lang, title in [("cs", "Letecký úder na přístav v Oděse"), ("bg", "Руски ракетен удар по Одеското пристанище"),
                        ("hr", "Zračni udar na luku u Odesi")]:
        assert ("port-odesa", "conflict") in events(tagger, lang, title), (lang, title)


# (language, title, text, node, type) of a recovery event
RECOVERIES = [
    ("pt", "Greve prevista para segunda-feira no Terminal XXI foi cancelada", "", "port-sines", "strike"),  # real: Notícias de Sines
    ("pt", "Autoeuropa retoma produção após paragem de duas semanas", "", "autoeuropa", "outage"),
    ("ro", "Se reia productia la uzina",  # real: Ziare.com (title and lead, written without diacritics)
     "Dupa o intrerupere de 6 zile a productiei, activitatea la Uzina Dacia din Mioveni se va relua in aceasta "
     "dimineata, urmand a se lucra din nou in program normal, de 3 schimburi.", "dacia-mioveni", "outage"),
    ("ro", "Greva de la Dacia a fost suspendată", "", "dacia-mioveni", "strike"),
    ("cs", "Škoda Auto se dohodla s odbory, odvrací stávku", "", "skoda-mlada-boleslav", "strike"),  # real: Finance.cz
    ("sk", "Volkswagen Slovakia obnovil výrobu po štrajku", "", "volkswagen-bratislava", "strike"),
    ("sl", "Luka Koper: stavka je končana, delo spet poteka normalno", "", "port-koper", "strike"),
    ("sl", "Požar v Luki Koper pogašen", "", "port-koper", "fire"),
    ("hr", "Luka Dubrovnik ponovno otvorena nakon nevremena", "", "port-dubrovnik", "natural_disaster"),
    ("bg", "Пристанище Варна възобнови работа след стачката", "", "port-varna", "strike"),
    ("el", "Λύνουν κάβους τα πλοία στο λιμάνι του Πειραιά μετά την απεργία", "", "port-piraeus", "strike"),
    ("el", "Τέλος της απεργίας στο λιμάνι του Πειραιά", "", "port-piraeus", "strike"),
]


@pytest.mark.parametrize(("lang", "title", "text", "target", "typ"), RECOVERIES)
def test_recovery_is_flagged(tagger, lang, title, text, target, typ):
    ev = events(tagger, lang, title, text)
    assert (target, typ) in ev, sorted(ev)
    assert ev[(target, typ)].recovery


def test_continuing_states_and_consequences_are_disruptions(tagger):
    cases = [
        ("pt", "Porto de Sines continua encerrado pelo terceiro dia", "port-sines", "blockage"),
        ("pt", "Autoeuropa continua parada por falta de peças", "autoeuropa", "outage"),
        ("ro", "Traficul în portul Constanța a fost oprit, navele au fost întoarse din drum", "port-constanta", "blockage"),
        ("cs", "Výroba ve Škodě Auto stojí už třetí den", "skoda-mlada-boleslav", "outage"),
        ("sk", "Linky v bratislavskom Volkswagene stoja už tretí deň", "volkswagen-bratislava", "outage"),
        ("hr", "Promet u Luci Dubrovnik i dalje obustavljen", "port-dubrovnik", "blockage"),
        ("bg", "Пристанище Варна остава затворено заради бурята", "port-varna", "blockage"),
        ("el", "Παραμένει κλειστό το λιμάνι του Πειραιά", "port-piraeus", "blockage"),
    ]
    for lang, title, target, typ in cases:
        ev = events(tagger, lang, title)
        assert (target, typ) in ev and ev[(target, typ)].confidence >= DEFAULT_MIN_CONFIDENCE, (lang, title, sorted(ev))


def test_threat_without_a_disruption_term_tags_nothing(tagger):
    # real: Moreto.net -- workers prepare protests; no strike, no event
    assert tagger.tag("Работници от Пристанище Варна готвят масови протести", "", "bg") == []
