#!/usr/bin/env python3
"""Recompute a round's published sub-district scores from its export alone.

Usage: python3 scripts/recompute_scores.py responses.csv codebook.csv round.json

The three files are GET /api/rounds/{roundId}/export/responses.csv, codebook.csv and round.json.
Prints JSON: per sub-district the score, n, SE, 95% interval, design effect, effective n and rank
interval, by the method of SCORING.md (respondent scores, cells, communities as clusters of the
field cells, the interviewer design effect where a cell has fewer than two communities, the special
indicators with their covariance, the negative-list deduction, rank intervals). Python's standard
library only.
"""
import csv
import json
import math
import sys
from statistics import NormalDist


class Moments:
    """n, sum and sum of squares of a set of scores (SCORING.md step 2)."""

    def __init__(self):
        self.n, self.sum, self.sum_sq = 0, 0.0, 0.0

    def add(self, value):
        self.n += 1
        self.sum += value
        self.sum_sq += value * value

    def variance(self):
        if self.n < 2:
            return None
        return max(0.0, self.sum_sq - self.sum * self.sum / self.n) / (self.n - 1)


class Cell:
    """One (unit, channel, audience): the moments of the positive score, the special score, and both together."""

    def __init__(self):
        self.positive, self.special = Moments(), Moments()
        self.joint_n, self.sum_x, self.sum_y, self.sum_xy = 0, 0.0, 0.0, 0.0

    def add(self, positive, special):
        if positive is not None:
            self.positive.add(positive)
        if special is not None:
            self.special.add(special)
        if positive is not None and special is not None:
            self.joint_n += 1
            self.sum_x += positive
            self.sum_y += special
            self.sum_xy += positive * special

    def covariance(self):
        if self.joint_n < 2:
            return None
        return (self.sum_xy - self.sum_x * self.sum_y / self.joint_n) / (self.joint_n - 1)


def critical(level):
    return NormalDist().inv_cdf(1 - (1 - level) / 2)


def weighted_mean(pairs):
    total = sum(weight for _, weight in pairs)
    if total <= 0:
        return None
    return sum(value * weight for value, weight in pairs) / total


def respondent_scores(row, items, scale, settings):
    """SCORING.md step 1: indicator means, weighted dimensions, weighted overall; special items' plain mean."""
    by_indicator, special = {}, []
    for (item_id, kind, indicator, evaluation) in items:
        answer = row.get(item_id) or ''
        if kind != 'satisfaction' or scale.get(answer) is None:
            continue
        if evaluation == 'positive' and indicator:
            by_indicator.setdefault(indicator, []).append(scale[answer])
        elif evaluation == 'special':
            special.append(scale[answer])
    dimensions = []
    for dimension in settings['dimensions']:
        indicators = [(sum(by_indicator[i['id']]) / len(by_indicator[i['id']]), i['weight']) for i in dimension['indicators'] if i['id'] in by_indicator]
        score = weighted_mean(indicators)
        if score is not None:
            dimensions.append((score, dimension['weight']))
    overall = weighted_mean(dimensions)
    return overall, (sum(special) / len(special) if special else None)


def interviewer_icc(workers):
    """SCORING.md W3 over the workers with at least 5 scored interviews; 0 when negative or not estimable."""
    groups = [m for m in workers.values() if m.n >= 5]
    J, N = len(groups), sum(m.n for m in groups)
    if J < 2 or N <= J:
        return 0.0
    grand = sum(m.sum for m in groups) / N
    between = sum(m.n * (m.sum / m.n - grand) ** 2 for m in groups) / (J - 1)
    within = sum(max(0.0, m.sum_sq - m.sum * m.sum / m.n) for m in groups) / (N - J)
    k0 = (N - sum(m.n * m.n for m in groups) / N) / (J - 1)
    denominator = between + (k0 - 1) * within
    return max(0.0, (between - within) / denominator) if denominator > 0 else 0.0


def clustered_variance(clusters):
    """V(m) = C/(C−1)·Σ_c e_c²/n², e_c = Σs_c − n_c·m; None with fewer than two answering clusters."""
    present = [c for c in clusters if c.n > 0]
    if len(present) < 2:
        return None
    n = sum(c.n for c in present)
    mean = sum(c.sum for c in present) / n
    C = len(present)
    return C / (C - 1) * sum((c.sum - c.n * mean) ** 2 for c in present) / (n * n)


def main(responses_path, codebook_path, round_path):
    with open(round_path, encoding='utf-8') as f:
        round_ = json.load(f)
    settings = round_['settings']
    scale = {entry['optionId']: entry['score'] for entry in settings['scale']}
    items = {}
    with open(codebook_path, encoding='utf-8-sig', newline='') as f:
        for row in csv.DictReader(f):
            if row['kind'] == 'column':
                continue
            key = (row['questionnaireId'], row['questionnaireVersion'])
            entry = (row['itemId'], row['kind'], row['indicatorId'], row['evaluation'])
            if entry not in items.setdefault(key, []):
                items[key].append(entry)

    cells, community_cells, worker_cells, communities_of = {}, {}, {}, {}
    with open(responses_path, encoding='utf-8-sig', newline='') as f:
        for row in csv.DictReader(f):
            if row['counts'] != '1':
                continue
            channel = 'online' if row['channel'] == 'online' else 'field'  # paper is field work
            positive, special = respondent_scores(row, items.get((row['questionnaireId'], row['questionnaireVersion']), []), scale, settings)
            unit, community, audience = row['subdistrictId'], row['communityId'], row['audience']
            cells.setdefault((unit, channel, audience), Cell()).add(positive, special)
            if channel == 'field':
                communities_of.setdefault((unit, audience), set()).add(community)
                community_cells.setdefault((community, audience), Cell()).add(positive, special)
                if positive is not None:
                    worker_cells.setdefault((community, row['workerId'], audience), Moments()).add(positive)

    workers = {}
    for (_, worker, _), m in worker_cells.items():
        pooled = workers.setdefault(worker, Moments())
        pooled.n, pooled.sum, pooled.sum_sq = pooled.n + m.n, pooled.sum + m.sum, pooled.sum_sq + m.sum_sq
    icc = interviewer_icc(workers)
    level = settings['confidenceLevel']
    z = critical(level)

    def design_of(unit, channel, audience):
        """None for independent draws; else the community cells as clusters and the interviewer design effect."""
        if channel != 'field':
            return None
        communities = sorted(communities_of.get((unit, audience), ()))
        mine = [m for (c, _, a), m in worker_cells.items() if a == audience and c in communities]
        interviews = sum(m.n for m in mine)
        deff = 1.0 if not mine or interviews == 0 else 1 + (interviews / len(mine) - 1) * icc
        return [community_cells[(c, audience)] for c in communities], deff

    def mean_variance(moments, clusters, deff, pick):
        srs = moments.variance() / moments.n
        if clusters is None:
            return srs, srs
        clustered = clustered_variance([pick(c) for c in clusters])
        return (srs * deff if clustered is None else clustered), srs

    def composite(unit_cells, pick):
        usable = []
        for key, cell in unit_cells:
            moments = pick(cell)
            weight = settings['channelWeights'][key[1]] * settings['audienceWeights'][key[2]]
            if moments.n < 2 or weight <= 0:
                continue
            design = design_of(*key)
            variance, srs = mean_variance(moments, design and design[0], design and design[1], pick)
            usable.append((key, weight, moments.sum / moments.n, variance, srs))
        total = sum(u[1] for u in usable)
        if not usable or total <= 0:
            return None
        return {
            'score': sum(w * m for _, w, m, _, _ in usable) / total,
            'variance': sum((w / total) ** 2 * v for _, w, _, v, _ in usable),
            'srs': sum((w / total) ** 2 * s for _, w, _, _, s in usable),
            'shares': {key: w / total for key, w, _, _, _ in usable},
        }

    deductions = {s['subdistrictId']: s['deduction'] for s in round_['subdistricts']}
    results = []
    for sub in round_['subdistricts']:
        unit = sub['subdistrictId']
        unit_cells = sorted((key, cell) for key, cell in cells.items() if key[0] == unit)
        n = sum(cell.positive.n for _, cell in unit_cells)
        positive = composite(unit_cells, lambda c: c.positive)
        result = {'subdistrictId': unit, 'n': n, 'score': None, 'se': None, 'ciLow': None, 'ciHigh': None, 'designEffect': None, 'effectiveN': None}
        if positive is not None:
            special = composite(unit_cells, lambda c: c.special)
            w = settings['specialWeight'] if special is not None and settings['specialWeight'] > 0 else 0
            covariance = covariance_srs = 0.0
            if w > 0:
                for key, cell in unit_cells:
                    share = positive['shares'].get(key, 0) * special['shares'].get(key, 0)
                    if share == 0:
                        continue
                    srs = cell.joint_n * (cell.covariance() or 0.0) / (cell.positive.n * cell.special.n)
                    design = design_of(*key)
                    value = srs
                    if design is not None:
                        clusters = [c for c in design[0] if c.positive.n > 0 or c.special.n > 0]
                        if len(clusters) < 2:
                            value = srs * design[1]
                        else:
                            mean_p, mean_s = cell.positive.sum / cell.positive.n, cell.special.sum / cell.special.n
                            products = sum((c.positive.sum - c.positive.n * mean_p) * (c.special.sum - c.special.n * mean_s) for c in clusters)
                            C = len(clusters)
                            value = C / (C - 1) * products / (cell.positive.n * cell.special.n)
                    covariance += share * value
                    covariance_srs += share * srs
            combined = (1 - w) * positive['score'] + w * special['score'] if w > 0 else positive['score']

            def variance(p, s, c):
                return (1 - w) ** 2 * p + w ** 2 * s + 2 * (1 - w) * w * c if w > 0 else p

            design_variance = max(0.0, variance(positive['variance'], special['variance'] if w > 0 else 0, covariance))
            srs_variance = max(0.0, variance(positive['srs'], special['srs'] if w > 0 else 0, covariance_srs))
            score = combined - deductions.get(unit, 0)
            se = math.sqrt(design_variance)
            deff = design_variance / srs_variance if srs_variance > 0 else 1.0
            result.update({
                'score': score, 'se': se,
                'ciLow': min(100.0, max(0.0, score - z * se)), 'ciHigh': min(100.0, max(0.0, score + z * se)),
                'designEffect': deff, 'effectiveN': n / deff if deff > 0 else None,
            })
        results.append(result)

    scored = [r for r in results if r['score'] is not None]
    for r in results:
        r['rankBest'] = r['rankWorst'] = None
        if r['score'] is None:
            continue
        differing = [o for o in scored if o is not r and abs(r['score'] - o['score']) > z * math.hypot(r['se'], o['se'])]
        better = sum(1 for o in differing if o['score'] > r['score'])
        r['rankBest'], r['rankWorst'] = 1 + better, len(scored) - (len(differing) - better)
    json.dump({'roundId': round_['roundId'], 'settingsVersion': round_['settingsVersion'], 'interviewerIcc': icc, 'subdistricts': results}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
