namespace Attend.Data;

/// <summary>
/// The ways <see cref="DateTask"/> writes a date (3 May 1979 as the example). Numeric formats are always day
/// first, and two-digit years only stand for 1950–2049, so every input names exactly one date.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention, guided alignment (notebooks/03-translation-with-attention.ipynb).</remarks>
public enum DateFormat
{
    /// <summary><c>3 May 1979</c></summary>
    DayMonthYear,

    /// <summary><c>May 3, 1979</c></summary>
    MonthDayYear,

    /// <summary><c>03/05/1979</c> (day/month/year)</summary>
    Slashes,

    /// <summary><c>3.5.1979</c> (day.month.year, no leading zeros)</summary>
    Dots,

    /// <summary><c>Thursday, 3 May 1979</c></summary>
    Weekday,

    /// <summary><c>3 may 79</c> (lower-case three-letter month, two-digit year)</summary>
    Short,
}
