"""What a run leaves behind: a terminal table, metrics.json, results.jsonl, report.md and charts."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from eval.metrics import QUALITY, threshold_sweep
from eval.runner import Result, Run

SWEEP = [round(0.25 + 0.05 * i, 2) for i in range(9)]
LATENCY = ("retrieval_p50_ms", "retrieval_p95_ms", "answer_p50_ms", "answer_p95_ms")


def table(runs: list[Run]) -> str:
    """Metrics side by side, one column per run (a markdown table, readable in a terminal)."""
    metrics = [r.metrics for r in runs]
    rows = ["| metric | " + " | ".join(r.config.label for r in runs) + " |",
            "|---|" + "---:|" * len(runs)]
    for name in ("questions", *QUALITY, *LATENCY):
        rows.append(f"| {name} | " + " | ".join(_cell(m[name]) for m in metrics) + " |")
    return "\n".join(rows)


def write(runs: list[Run], out: Path, title: str) -> list[Path]:
    """All outputs of ``runs`` into ``out``; one run writes its files there, several one sub-folder each."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for run in runs:
        folder = out if len(runs) == 1 else out / _slug(run.config.label)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "metrics.json").write_text(json.dumps({"config": asdict(run.config), **run.metrics}, indent=2))
        with open(folder / "results.jsonl", "w", encoding="utf-8") as f:
            for r in run.results:
                f.write(json.dumps(_result_record(r), ensure_ascii=False) + "\n")
        chart(run, folder / "metrics.png")
        written += [folder / "metrics.json", folder / "results.jsonl", folder / "metrics.png"]
    if len(runs) > 1:
        comparison_chart(runs, out / "comparison.png")
        written.append(out / "comparison.png")
    (out / "report.md").write_text(markdown(runs, title), encoding="utf-8")
    written.append(out / "report.md")
    return written


def markdown(runs: list[Run], title: str) -> str:
    """The report: failures first (per run), then the metrics table and the chart(s)."""
    lines = [f"# {title}", ""]
    for run in runs:
        failures = [r for r in run.results if _failed(r)]
        lines += [f"## Failures ({run.config.label}): {len(failures)} of {len(run.results)}", ""]
        for r in failures:
            lines += [f"### `{r.question.id}` {r.question.question}",
                      f"- expected: {'(refusal)' if r.question.unanswerable else ' | '.join(r.question.answers)}",
                      f"- asked as: {r.reply.question}",
                      f"- verdict: {_verdict_text(r)}",
                      "- reply:", "", *[f"  > {line}" for line in r.reply.text.split("\n")], ""]
    lines += ["## Metrics", "", table(runs), ""]
    lines += ["## Refusal threshold (`min_support`) sweep", "",
              "Refusal accuracy had the answerer refused below each support threshold (from the replies' `support`).",
              "", "| threshold | " + " | ".join(r.config.label for r in runs) + " |", "|---|" + "---:|" * len(runs)]
    sweeps = [threshold_sweep([(r.reply.support, r.question.answerable) for r in run.results if r.reply.passages],
                              SWEEP) for run in runs]
    for i, t in enumerate(SWEEP):
        lines.append(f"| {t:.2f} | " + " | ".join(f"{s[i][1]:.3f}" if s else "–" for s in sweeps) + " |")
    lines.append("")
    if len(runs) == 1:
        lines += ["![metrics](metrics.png)", ""]
    else:
        lines += ["![comparison](comparison.png)", ""]
    return "\n".join(lines)


def chart(run: Run, path: Path) -> None:
    metrics = run.metrics
    names = [n for n in QUALITY if metrics[n] is not None]
    fig, ax = plt.subplots(figsize=(7, 3.2))
    bars = ax.barh(names[::-1], [metrics[n] for n in names[::-1]], color="#4c72b0")
    ax.bar_label(bars, fmt="%.2f", padding=3)
    ax.set_xlim(0, 1.1)
    ax.set_title(f"{run.config.label}: {metrics['questions']} questions")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def comparison_chart(runs: list[Run], path: Path) -> None:
    names = list(QUALITY)
    width = 0.8 / len(runs)
    fig, ax = plt.subplots(figsize=(9, 3.6))
    for i, run in enumerate(runs):
        values = [run.metrics[n] or 0.0 for n in names]
        ax.bar([x + i * width for x in range(len(names))], values, width, label=run.config.label)
    ax.set_xticks([x + width * (len(runs) - 1) / 2 for x in range(len(names))], names, rotation=15, fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=max(1, len(runs)), frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _result_record(r: Result) -> dict:
    """One line of results.jsonl: the question as the set has it, the reply's data, the verdict."""
    return {
        "id": r.question.id, "asked": r.question.question, "history": list(r.question.history),
        "expected": list(r.question.answers), "unanswerable": r.question.unanswerable,
        **r.reply.to_dict(), "verdict": asdict(r.verdict), "answer_ms": round(r.answer_seconds * 1000, 2),
    }


def _failed(r: Result) -> bool:
    v = r.verdict
    return not v.refusal_correct or v.supported is False or (v.citation_precision is not None and v.citation_precision < 1)


def _verdict_text(r: Result) -> str:
    return ", ".join(f"{k}={v if not isinstance(v, float) else round(v, 2)}" for k, v in asdict(r.verdict).items()
                     if v is not None)


def _cell(value) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) and value <= 1 else str(value)


def _slug(label: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in label).strip("-") or "default"
