#!/usr/bin/python3
"""Dates of China's movable statutory holidays, 2014-2099 (data/holidays/movable.tsv).

usage: tools/movable_holidays.py [OUT.tsv]        (writes to stdout without OUT)

Needs Debian's python3-lunardate and libswe2.0 (apt-get install python3-lunardate libswe2.0);
run it with /usr/bin/python3, the interpreter that sees Debian's Python packages.

Every date is found twice, and nothing is written unless both agree:
- 春节 (正月初一), 端午 (五月初五), 中秋 (八月十五): lunardate's table, and a calendar built by
  the rules of GB/T 33661-2017 from Swiss Ephemeris new moons and major solar terms (built-in
  Moshier model, apparent positions, UT taken as UTC) in UTC+8: a month starts on the day of
  its new moon, 冬至 lies in month 11, and when 13 months start from one month 11 to the next,
  the first of them without a major term is the leap month.
- 清明: the UTC+8 day on which the Sun's apparent longitude reaches 15°, by the Swiss Ephemeris
  and by Meeus's low-accuracy solar formula (Astronomical Algorithms ch. 25, ΔT by Espenak and
  Meeus). The two instants must agree within TOLERANCE; where that is close enough to midnight
  for their days to differ, the Swiss Ephemeris wins and stderr says so.
The dates of the State Council's notices (OFFICIAL) are checked too. Exits 1 on any mismatch.
"""
import ctypes
import ctypes.util
import datetime
import math
import sys

import lunardate

FIRST, LAST = 2014, 2099
COLUMNS = ('chunjie', 'qingming', 'duanwu', 'zhongqiu')
OFFICIAL = {  # year: dates announced by the State Council (2027, 2028, 2033: widely published)
    2022: ('2022-02-01', '2022-04-05', '2022-06-03', '2022-09-10'),
    2023: ('2023-01-22', '2023-04-05', '2023-06-22', '2023-09-29'),
    2024: ('2024-02-10', '2024-04-04', '2024-06-10', '2024-09-17'),
    2025: ('2025-01-29', '2025-04-04', '2025-05-31', '2025-10-06'),
    2026: ('2026-02-17', '2026-04-05', '2026-06-19', '2026-09-25'),
    2027: ('2027-02-06', None, None, None),
    2028: ('2028-01-26', None, None, None),
    2033: (None, None, None, '2033-09-08'),
}
HEADER = """\
# Movable Chinese statutory holidays, as UTC+8 dates: chunjie = 1st day of lunar month 1
# (chuxi is the day before it), qingming = day of the Qingming solar term (Sun at 15 deg),
# duanwu = lunar 5/5, zhongqiu = lunar 8/15. Lunar dates: python3-lunardate cross-checked
# with a GB/T 33661-2017 calendar from Swiss Ephemeris; qingming: Swiss Ephemeris cross-checked
# with Meeus. Regenerate with tools/movable_holidays.py; do not edit by hand.
"""
TOLERANCE = 20 / 1440  # days: Meeus's low-accuracy formula is good to about 0.01 deg
EPOCH, JD_EPOCH = datetime.date(1970, 1, 1), 2440587.5  # the same instant, 00:00 UT
CST = 8 / 24  # UTC+8, in days
SUN, MOON, MOSEPH = 0, 1, 4  # Swiss Ephemeris body numbers and its Moshier-model flag
SWE = ctypes.CDLL(ctypes.util.find_library('swe') or 'libswe.so.2.0')
SWE.swe_calc_ut.argtypes = (ctypes.c_double, ctypes.c_int, ctypes.c_int32,
                            ctypes.POINTER(ctypes.c_double), ctypes.c_char_p)


def swe_lon(jd, body):
    """Apparent geocentric ecliptic longitude of body at jd (UT), in degrees."""
    xx, err = (ctypes.c_double * 6)(), ctypes.create_string_buffer(256)
    if SWE.swe_calc_ut(jd, body, MOSEPH, xx, err) < 0:
        sys.exit('swe_calc_ut: ' + err.value.decode())
    return xx[0]


def solve(f, jd, rate):
    """Instant near jd at which the angle f(t) is 0 mod 360, f growing about rate deg/day."""
    for _ in range(100):
        step = -((f(jd) + 180) % 360 - 180) / rate
        jd += step
        if abs(step) < 1e-7:
            return jd
    raise ArithmeticError(f'no convergence near JD {jd}')


def sun_at(lon, jd):
    """Instant (UT) near jd at which the Sun's apparent longitude is lon, by Swiss Ephemeris."""
    return solve(lambda t: swe_lon(t, SUN) - lon, jd, 360 / 365.2422)


def new_moon(jd):
    """Instant (UT) of the new moon nearest jd, by Swiss Ephemeris."""
    return solve(lambda t: swe_lon(t, MOON) - swe_lon(t, SUN), jd, 360 / 29.530589)


def jd_of(d):
    """Julian day of 00:00 UT on date d."""
    return JD_EPOCH + (d - EPOCH).days


def cst_date(jd):
    """Date in UTC+8 at the instant jd (UT)."""
    return EPOCH + datetime.timedelta(days=math.floor(jd - JD_EPOCH + CST))


def astro_dates(year):
    """春节, 端午 and 中秋 of year by the GB/T 33661-2017 rules."""
    solstice = sun_at(270, jd_of(datetime.date(year - 1, 12, 21)))
    majors = [cst_date(sun_at((270 + 30 * k) % 360, solstice + 30.44 * k)) for k in range(13)]
    moon = new_moon(solstice)
    if cst_date(moon) > majors[0]:
        moon = new_moon(moon - 29.53)
    starts = []  # months from month 11 of year - 1 to month 11 of year, both included
    while cst_date(moon) <= majors[12]:
        starts.append(cst_date(moon))
        moon = new_moon(moon + 29.53)
    leap = None
    if len(starts) == 14:  # 13 months before the next month 11: one of them is leap
        leap = next(i for i in range(13)
                    if not any(starts[i] <= z < starts[i + 1] for z in majors))
    month, first = 10, {}
    for i, start in enumerate(starts[:-1]):
        if i != leap:
            month = month % 12 + 1
            first[month] = start
    day = datetime.timedelta(days=1)
    return first[1], first[5] + 4 * day, first[8] + 14 * day


def table_dates(year):
    """春节, 端午 and 中秋 of year from lunardate's table."""
    return tuple(lunardate.LunarDate(year, m, d).toSolarDate()
                 for m, d in ((1, 1), (5, 5), (8, 15)))


def delta_t(year):
    """TT - UT in seconds for a decimal year in 2005-2150 (Espenak and Meeus polynomials)."""
    if year < 2050:
        t = year - 2000
        return 62.92 + 0.32217 * t + 0.005589 * t * t
    return -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year)


def meeus_sun(jde):
    """Apparent solar longitude at jde (TT) in degrees, Meeus ch. 25 low accuracy."""
    t = (jde - 2451545) / 36525
    m = math.radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
    c = ((1.914602 - 0.004817 * t - 0.000014 * t * t) * math.sin(m)
         + (0.019993 - 0.000101 * t) * math.sin(2 * m) + 0.000289 * math.sin(3 * m))
    omega = math.radians(125.04 - 1934.136 * t)
    true_lon = 280.46646 + 36000.76983 * t + 0.0003032 * t * t + c
    return true_lon - 0.00569 - 0.00478 * math.sin(omega)


def qingming(year, problems):
    """清明 of year by Swiss Ephemeris, checked against Meeus (problems collects failures)."""
    guess = jd_of(datetime.date(year, 4, 4))
    swe_t = sun_at(15, guess)
    tt = delta_t(year + 0.26) / 86400
    meeus_t = solve(lambda t: meeus_sun(t + tt) - 15, guess, 360 / 365.2422)
    gap = (meeus_t - swe_t) * 1440
    if abs(meeus_t - swe_t) > TOLERANCE:
        problems.append(f'{year} qingming: Swiss Ephemeris and Meeus {gap:+.1f} min apart')
    elif cst_date(swe_t) != cst_date(meeus_t):
        hh, mm = divmod(int((swe_t - JD_EPOCH + CST) % 1 * 1440), 60)
        print(f'note: {year} qingming at {hh:02d}:{mm:02d} UTC+8; Meeus ({gap:+.1f} min) puts it'
              f' on {cst_date(meeus_t)}; kept Swiss Ephemeris {cst_date(swe_t)}', file=sys.stderr)
    return cst_date(swe_t)


def rows(problems):
    """One (year, chunjie, qingming, duanwu, zhongqiu) row per year, checked twice."""
    out = []
    for year in range(FIRST, LAST + 1):
        table, astro = table_dates(year), astro_dates(year)
        for name, a, b in zip(('chunjie', 'duanwu', 'zhongqiu'), table, astro):
            if a != b:
                problems.append(f'{year} {name}: lunardate {a}, astronomical {b}')
        row = (table[0], qingming(year, problems), table[1], table[2])
        for name, got, want in zip(COLUMNS, row, OFFICIAL.get(year, (None,) * 4)):
            if want and got.isoformat() != want:
                problems.append(f'{year} {name}: computed {got}, officially {want}')
        out.append((year,) + row)
    return out


def main():
    """Compute, check, and write the table."""
    problems = []
    table = rows(problems)
    if problems:
        sys.exit('\n'.join(problems))
    text = HEADER + '\t'.join(('year',) + COLUMNS) + '\n' + ''.join(
        '\t'.join(map(str, row)) + '\n' for row in table)
    if len(sys.argv) > 1:
        with open(sys.argv[1], 'w', encoding='utf-8', newline='\n') as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == '__main__':
    main()
