"""Where the frameworks disagree with the plain verdict, and why, one line each.

Each framework's answer is placed on one coarse scale (open, partly open, not open, or "needs review"), by the
table `POSITIONS`. A framework that lands elsewhere than the plain verdict gets one line saying what drives its
answer (`fields["because"]`, written by its grader). MOF's MOT mode gets a line when it classes the release
differently from howopen's reading. Unknown answers are not disagreements.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..report import Disagreement, FrameworkResult

OPEN, PARTLY, NOT, REVIEW = "open", "partly open", "not open", "needs review"


def _verdict(result: FrameworkResult) -> str | None:
    return {"open-source": OPEN, "open-weights": PARTLY, "restricted-weights": NOT, "closed": NOT}.get(
        str(result.fields.get("label", result.outcome)))


def _mof(result: FrameworkResult) -> str | None:
    return {"I": OPEN, "II": PARTLY, "III": PARTLY, None: NOT}[result.fields.get("class")]


def _osaid(result: FrameworkResult) -> str | None:
    return {True: OPEN, False: NOT, None: None}[result.fields.get("conforms")]


def _eosai(result: FrameworkResult) -> str | None:
    dims = result.fields.get("dimensions") or {}
    availability = [d["class"] for d in dims.values() if d.get("category") == "availability"]
    if availability and all(c == "open" for c in availability) and dims.get("licenses", {}).get("class") == "open":
        return OPEN
    return PARTLY if float(result.fields.get("score") or 0) >= 0.5 else NOT


def _eu_ai_act(result: FrameworkResult) -> str | None:
    return {"exempt": OPEN, "not-exempt": NOT, "needs-review": REVIEW}.get(
        str(result.fields.get("open_source_exemption")))


POSITIONS: dict[str, Callable[[FrameworkResult], str | None]] = {
    "mof": _mof,
    "osaid": _osaid,
    "eosai": _eosai,
    "eu_ai_act": _eu_ai_act,
}

OUTCOME_WORDS = {
    "mof": lambda r: f"Class {r.fields['class']}" if r.fields.get("class") else "no class",
    "osaid": lambda r: r.outcome,
    "eosai": lambda r: f"score {r.fields.get('score', 0):.2f}",
    "eu_ai_act": lambda r: r.outcome,
}


def compare(verdict: FrameworkResult, frameworks: Mapping[str, FrameworkResult]) -> tuple[Disagreement, ...]:
    reference = _verdict(verdict)
    label = verdict.fields.get("label", verdict.outcome)
    out: list[Disagreement] = []
    if reference is not None:
        for key, position_of in POSITIONS.items():
            result = frameworks.get(key)
            if result is None or not result.graded:
                continue
            position = position_of(result)
            if position is None or position == reference:
                continue
            because = str(result.fields.get("because") or result.summary)
            words = OUTCOME_WORDS[key](result)
            evidence = result.reasons[0].evidence if result.reasons else ()
            out.append(Disagreement((key, "verdict"), f"{result.name}: {words} ({position}) while the plain verdict "
                                    f"is {label} — {because}", evidence))
    mof = frameworks.get("mof")
    if mof is not None and mof.graded:
        mot = mof.fields.get("mot") or {}
        if mot.get("class") != mof.fields.get("class"):
            differences = [d for d in mof.fields.get("differences", []) if not d.startswith("MOT mode gives")]
            why = differences[0] if differences else "the two readings count different components as open"
            mot_words = f"Class {mot['class']}" if mot.get("class") else "no class"
            ours = f"Class {mof.fields['class']}" if mof.fields.get("class") else "no class"
            out.append(Disagreement(("mof.mot", "mof"), f"MOF in MOT mode: {mot_words} while howopen's reading gives "
                                    f"{ours} — {why}", mof.reasons[-1].evidence if mof.reasons else ()))
    return tuple(out)
