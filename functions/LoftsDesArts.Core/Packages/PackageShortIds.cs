using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LoftsDesArts.Core.Packages;

/// <summary>A short package id as printed on the label: <c>{prefix}-{yyyyMMdd}-{sequence:0000}</c>.</summary>
public sealed record PackageShortId(string Prefix, DateOnly LocalDate, int Sequence)
{
    public override string ToString() => PackageShortIds.Format(LocalDate, Sequence, Prefix);
}

/// <summary>
/// Short ids such as <c>LDA-20261126-0007</c>: the building's prefix, the arrival's local date in the
/// building's time zone and the day's sequence number (1–9999, always four digits).
/// </summary>
public static class PackageShortIds
{
    public const string DefaultPrefix = "LDA";
    public const int MaxSequence = 9999;

    /// <summary><c>Format(new DateOnly(2026, 11, 26), 7)</c> → <c>LDA-20261126-0007</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sequence is not 1–9999.</exception>
    /// <exception cref="ArgumentException">The prefix is not 1–8 upper-case letters or digits.</exception>
    public static string Format(DateOnly localDate, int sequence, string prefix = DefaultPrefix)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException("A short-id prefix is 1 to 8 upper-case letters (A–Z) or digits.", nameof(prefix));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{localDate:yyyyMMdd}-{sequence:0000}");
    }

    /// <summary>
    /// Reads a short id as typed or scanned: surrounding spaces and lower case are accepted
    /// (<c>" lda-20261126-0007 "</c>); the date must exist and the sequence be 1–9999.
    /// </summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out PackageShortId? shortId)
    {
        shortId = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var parts = value.Trim().ToUpperInvariant().Split('-');
        if (parts.Length != 3 || !IsValidPrefix(parts[0]))
        {
            return false;
        }

        if (parts[1].Length != 8 || !parts[1].All(char.IsAsciiDigit)
            || !DateOnly.TryParseExact(parts[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        if (parts[2].Length != 4 || !parts[2].All(char.IsAsciiDigit))
        {
            return false;
        }

        var sequence = int.Parse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture);
        if (sequence < 1)
        {
            return false;
        }

        shortId = new PackageShortId(parts[0], date, sequence);
        return true;
    }

    private static bool IsValidPrefix(string? prefix) =>
        prefix is { Length: >= 1 and <= 8 } && prefix.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}
