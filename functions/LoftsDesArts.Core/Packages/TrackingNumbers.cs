using System.Text;
using System.Text.RegularExpressions;
using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Packages;

/// <summary>
/// Tracking numbers as the desk types or scans them: one normal form (upper case, no spaces or
/// dashes), a sanity check, and a best guess of the carrier from the number's shape.
/// </summary>
/// <remarks>
/// Detection rules, tried in this order on the normalized number (first match wins):
/// <list type="number">
/// <item>UPS: <c>1Z</c> + 16 letters or digits. The prefix is UPS's alone, so a wrong check digit
/// does not change the answer (see <see cref="HasValidUpsCheckDigit"/> to warn about a typo).</item>
/// <item>Amazon: <c>TBA</c>, <c>TBC</c> or <c>TBM</c> + 12 digits.</item>
/// <item>DHL: <c>JD</c> + 18 digits (DHL eCommerce/Parcel), or 10 digits (DHL Express waybill).</item>
/// <item>Canada Post: 2 letters + 9 digits + <c>CA</c> (UPU S10, the country code says who), or 16 digits
/// (domestic parcel PIN).</item>
/// <item>Purolator: 3 letters + 9 digits (the PIN format printed on Purolator labels).</item>
/// <item>FedEx: 15 digits (Ground), 20 digits (Ground SSCC), 22 digits starting with <c>96</c> (Ground
/// "96" barcode), or 12 digits <em>whose FedEx Express check digit is valid</em>.</item>
/// </list>
/// Twelve digits is the one real clash: FedEx Express and Purolator both print 12-digit numbers.
/// FedEx Express numbers end in a mod-11 check digit (weights 1, 3, 7 from the right), which a
/// random 12-digit number passes about one time in ten; so a 12-digit number that passes it is
/// called FedEx, and one that fails it is <see cref="Carrier.Other"/>, not Purolator: a failed
/// check may as well be a mistyped FedEx number, and a wrong carrier is worse than none (the desk
/// picks it). Anything else is <see cref="Carrier.Other"/>.
/// </remarks>
public static partial class TrackingNumbers
{
    public const int MinLength = 6;
    public const int MaxLength = 40;

    /// <summary>The field name in requests and problem documents.</summary>
    public const string Field = "trackingNumber";

    /// <summary>Trims, upper-cases (invariant) and removes spaces, tabs and dashes; <c>null</c> becomes empty.</summary>
    public static string Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014')
            {
                continue;
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Normalizes <paramref name="value"/> and returns it, or throws a validation
    /// <see cref="DomainException"/> with a field error on <c>trackingNumber</c> when it is empty,
    /// shorter than 6, longer than 40, or has characters other than A–Z and 0–9.
    /// </summary>
    public static string Validate(string? value)
    {
        var error = Check(value);
        if (error is not null)
        {
            throw DomainException.Invalid(Field, error);
        }

        return Normalize(value);
    }

    /// <summary>The message for a bad number, or <c>null</c> when <paramref name="value"/> is acceptable.</summary>
    public static LocalizedText? Check(string? value)
    {
        var normalized = Normalize(value);
        if (normalized.Length == 0)
        {
            return PackageTexts.TrackingRequired;
        }

        if (normalized.Length < MinLength)
        {
            return PackageTexts.TrackingTooShort.Format(MinLength);
        }

        if (normalized.Length > MaxLength)
        {
            return PackageTexts.TrackingTooLong.Format(MaxLength);
        }

        return AllowedCharacters().IsMatch(normalized) ? null : PackageTexts.TrackingInvalidCharacters;
    }

    /// <summary>The carrier a normalized number most likely belongs to (rules in the type's remarks).</summary>
    public static Carrier DetectCarrier(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (Ups().IsMatch(normalized))
        {
            return Carrier.Ups;
        }

        if (Amazon().IsMatch(normalized))
        {
            return Carrier.Amazon;
        }

        if (DhlParcel().IsMatch(normalized) || (normalized.Length == 10 && AllDigits(normalized)))
        {
            return Carrier.Dhl;
        }

        if (CanadaPostS10().IsMatch(normalized) || (normalized.Length == 16 && AllDigits(normalized)))
        {
            return Carrier.CanadaPost;
        }

        if (Purolator().IsMatch(normalized))
        {
            return Carrier.Purolator;
        }

        if (AllDigits(normalized))
        {
            switch (normalized.Length)
            {
                case 15 or 20:
                case 22 when normalized.StartsWith("96", StringComparison.Ordinal):
                case 12 when HasValidFedExExpressCheckDigit(normalized):
                    return Carrier.FedEx;
            }
        }

        return Carrier.Other;
    }

    /// <summary>
    /// UPS check digit of a <c>1Z</c> number: over the 15 characters between <c>1Z</c> and the last one
    /// (letters count as <c>(letter - 'A' + 2) mod 10</c>), odd positions count once and even positions
    /// twice; the last character is what brings the sum to a multiple of 10.
    /// </summary>
    public static bool HasValidUpsCheckDigit(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (!Ups().IsMatch(normalized) || !char.IsAsciiDigit(normalized[^1]))
        {
            return false;
        }

        var sum = 0;
        for (var i = 2; i < normalized.Length - 1; i++)
        {
            var c = normalized[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : (c - 'A' + 2) % 10;
            sum += (i - 2) % 2 == 1 ? value * 2 : value;
        }

        return (10 - (sum % 10)) % 10 == normalized[^1] - '0';
    }

    /// <summary>
    /// FedEx Express (12 digits) check digit: the first 11 digits, from the right, weighted 1, 3, 7, 1, 3, 7…;
    /// the sum modulo 11, then modulo 10, is the last digit.
    /// </summary>
    public static bool HasValidFedExExpressCheckDigit(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Length != 12 || !AllDigits(normalized))
        {
            return false;
        }

        ReadOnlySpan<int> weights = [1, 3, 7];
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (normalized[10 - i] - '0') * weights[i % 3];
        }

        return sum % 11 % 10 == normalized[11] - '0';
    }

    private static bool AllDigits(string value) => value.Length > 0 && value.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    [GeneratedRegex("^[A-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedCharacters();

    [GeneratedRegex("^1Z[A-Z0-9]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ups();

    [GeneratedRegex("^TB[ACM][0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Amazon();

    [GeneratedRegex("^JD[0-9]{18}$", RegexOptions.CultureInvariant)]
    private static partial Regex DhlParcel();

    [GeneratedRegex("^[A-Z]{2}[0-9]{9}CA$", RegexOptions.CultureInvariant)]
    private static partial Regex CanadaPostS10();

    [GeneratedRegex("^[A-Z]{3}[0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Purolator();
}
