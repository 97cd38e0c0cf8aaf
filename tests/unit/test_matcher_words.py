"""The matcher knows words (issue 25, item 4): segmentation, whole shared words, agreement, offline."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest

from plan132lib.analysis import coverage, crosswalk_draft, matcher


@pytest.fixture(scope="module")
def review(plan):
    return coverage.Review.load(plan)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kế hoạch hành động quốc gia", ["kế hoạch", "hành động", "quốc gia"]),
        ("Xử lý nước thải sinh hoạt đô thị", ["xử lý", "nước thải", "sinh hoạt", "đô thị"]),
        ("Kiểm soát khí thải phương tiện giao thông", ["kiểm soát", "khí thải", "phương tiện", "giao thông"]),
    ],
)
def test_real_phrases_segment_into_whole_words(text, expected) -> None:
    assert matcher.split_words(text) == expected


def test_abbreviations_and_stop_words() -> None:
    expected = ["chi", "ngân sách", "nhà nước", "cho", "bảo vệ", "môi trường"]
    assert matcher.split_words("chi NSNN cho BVMT") == expected
    found = matcher.terms("Triển khai có hiệu quả Kế hoạch hành động quốc gia giai đoạn 2025 - 2030")
    assert set(found) == {"kế hoạch", "hành động", "quốc gia"}  # boilerplate and numbers dropped
    phrases = matcher.key_phrases(["kế hoạch hành động quốc gia;chất lượng không khí;GIS"])
    assert ("kế hoạch", "hành động", "quốc gia") in phrases and all(len(p) >= 2 for p in phrases)
    assert "kế hoạch hành động quốc gia" in matcher.terms("Triển khai Kế hoạch hành động quốc gia", phrases)


def _whole(phrase: str, text: str) -> bool:
    """Whether ``phrase`` is a run of whole words of ``text`` (its words as the matcher segments them)."""
    sequence = [w for w in matcher.segment(matcher.expand(text)) if w]
    return any(
        " ".join(sequence[i:j]) == phrase
        for i in range(len(sequence))
        for j in range(i + 1, len(sequence) + 1)
    )


def test_shared_words_are_shown_whole(plan, review) -> None:
    agree = coverage.agreement(review)
    row = agree[(agree["task_id"] == "2.5") & (agree["goal_id"] == "NQ247-D2.2-b")].iloc[0]
    shared = row["shared"].split(" | ")
    assert "kế hoạch hành động quốc gia" in shared
    assert not {"hoạch hành", "động quốc", "hoạch", "động"} & set(shared)
    content = plan.tasks.set_index("task_id")["content"]
    phrases = matcher.key_phrases(review.entries["key_terms"])
    for r in agree.itertuples():  # every shared term is a whole word or key term of the task
        assert set(r.shared.split(" | ")) <= set(matcher.terms(content[r.task_id], phrases)), r
    draft = crosswalk_draft.draft(plan, review.catalogue)
    phrases = {p for cell in draft["task_words"] for p in cell.split(" | ") if p}
    assert "kế hoạch hành động quốc gia" in phrases
    for r in draft.itertuples():
        for phrase in filter(None, r.task_words.split(" | ")):
            assert _whole(phrase, r.task_text), (r.task_id, phrase)


def test_agreement_with_the_bundled_crosswalk(review) -> None:
    sweep = coverage.agreement_sweep(review).set_index("threshold")
    assert coverage.THRESHOLD in sweep.index
    at = sweep.loc[coverage.THRESHOLD]
    agree = coverage.agreement(review)
    agreed = int((agree["outcome"] == "agreed").sum())
    suggested = int(agree["suggested"].sum())
    precision, recall = agreed / suggested, agreed / len(review.crosswalk)
    print(
        f"at {coverage.THRESHOLD}: precision {precision:.2f} ({agreed}/{suggested}), "
        f"recall {recall:.2f} ({agreed}/{len(review.crosswalk)})"
    )
    assert (at["precision"], at["recall"]) == (round(precision, 4), round(recall, 4))
    # the threshold is the lowest of the sweep whose precision is 0.80 or more
    assert sweep.index[sweep["precision"] >= 0.8].min() == coverage.THRESHOLD
    # measured at 0.275: precision 0.86 (18/21), recall 0.60 (18/30); the words matcher before entries were
    # cut into passages had 0.84 (16/19) and 0.53 (16/30) at 0.225, the syllable matcher 0.75 and 0.50.
    # The issue aimed at recall 0.70, which shared words do not reach: the links still missed are between
    # related ideas ("kinh tế tuần hoàn" and recycling), not wordings (docs/DESIGN.md, the matcher)
    assert (agreed, suggested) == (18, 21)
    assert sweep["f1"].max() > 0.7


def _pick(scores, curated, threshold_from) -> float:
    """The lowest threshold of the sweep with precision >= 0.80 on the pairs ``threshold_from``."""
    for th in coverage.SWEEP:
        suggested = (scores >= th) & threshold_from
        if suggested.any() and (suggested & curated).sum() / suggested.sum() >= 0.8:
            return th
    return float("inf")


def test_agreement_holds_on_tasks_the_threshold_was_not_chosen_on(review) -> None:
    """Against over-fitting the one crosswalk: the threshold chosen by THRESHOLD's rule on the tasks at odd
    places of the plan (counting from 0: the 2nd, 4th, …), measured on the others, and the other way round."""
    s = coverage.suggestions(review)
    place = s["task_id"].map({t: i for i, t in enumerate(review.plan.tasks["task_id"])})
    scores, curated = s["score"].where(s["for_province"], -1.0), s["curated"] != ""
    measured = {}
    for chosen_on, measured_on in (("odd", "even"), ("even", "odd")):
        half = {"odd": place % 2 == 1, "even": place % 2 == 0}
        th = _pick(scores, curated, half[chosen_on])
        suggested = (scores >= th) & half[measured_on]
        agreed = int((suggested & curated).sum())
        measured[chosen_on] = (th, agreed, int(suggested.sum()), int((curated & half[measured_on]).sum()))
    print(measured)
    # (threshold, agreed, suggested, curated): chosen on the odd tasks, 0.225; on the even tasks precision
    # 0.64 (7/11), recall 0.50 (7/14). Chosen on the even tasks, 0.325; on the odd 1.00 (9/9) and 0.56 (9/16).
    # The words matcher before entries were cut into passages: 0.60 (6/10) and 0.43; 1.00 (7/7) and 0.44.
    # Precision on held-out tasks swings with a handful of links: the threshold is no promise for a new plan.
    assert measured == {"odd": (0.225, 7, 11, 14), "even": (0.325, 9, 9, 16)}


def test_an_entry_that_names_several_things_meets_a_task_taking_up_one() -> None:
    """The score is the mean of the whole texts' cosine and the closest pair of passages': a task that takes
    up one thing of an entry's list (one key term) meets it as closely as a passage can."""
    entries = pd.DataFrame(
        {
            "id": ["many", "other"],
            "paraphrase_vi": [
                "Khuyến khích công nghệ thân thiện với môi trường, dịch vụ môi trường, mua sắm xanh",
                "Quản lý chất lượng nước mặt lưu vực sông",
            ],
            "key_terms": ["công nghiệp môi trường;mua sắm xanh;dịch vụ môi trường", "nước mặt;lưu vực sông"],
        }
    )
    task = "Thúc đẩy phát triển ngành xây dựng. Phát triển công nghiệp môi trường"
    w = matcher._weights([task], entries)
    whole = (w.tasks @ w.entries.T)[0]
    assert matcher.entry_text(entries)[0].endswith(
        ". công nghiệp môi trường. mua sắm xanh. dịch vụ môi trường"
    )
    assert matcher.passages(task) == [
        "Thúc đẩy phát triển ngành xây dựng",
        "Phát triển công nghiệp môi trường",
    ]
    by_pair = w.task_passages @ w.entry_passages.T  # 2 task passages × 4 + 3 entry passages
    assert by_pair.shape == (2, 7) and np.unravel_index(by_pair.argmax(), by_pair.shape) == (1, 1)
    scores = matcher.score_matrix([task], entries)[0]
    assert scores[0] == pytest.approx((whole[0] + by_pair[:, :4].max()) / 2)
    assert whole[0] < 0.25 < 0.45 < scores[0] and scores[1] == 0


def test_the_segmenter_runs_offline(tmp_path) -> None:
    """A fresh interpreter with every socket refused loads the model and segments (nothing is downloaded)."""
    code = textwrap.dedent("""
        import socket

        def refuse(*args, **kwargs):
            raise OSError("network refused by the test")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from plan132lib.analysis import matcher
        print("|".join(matcher.split_words("Kế hoạch hành động quốc gia về bảo vệ môi trường")))
    """)
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "0"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "kế hoạch|hành động|quốc gia|về|bảo vệ|môi trường"
    assert not any(tmp_path.iterdir())  # nothing cached under HOME either
