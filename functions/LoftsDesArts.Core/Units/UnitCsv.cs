using System.Globalization;
using CsvHelper;
using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Units;

/// <summary>A unit as read from a roster file.</summary>
public sealed record UnitRow(int Row, string Number, int Floor, UnitType UnitType, int? AreaSqFt, int? Bedrooms);

/// <summary>A problem with one cell of the roster file; <see cref="Row"/> counts the header as row 1.</summary>
public sealed record UnitRowError(int Row, string Field, LocalizedText Message);

/// <summary>
/// Reads the unit roster CSV staff upload: <c>number,floor,type[,area][,bedrooms]</c> with a header
/// row, comma or semicolon separated (a French-locale spreadsheet saves with semicolons). Every row
/// is checked before anything is written; the caller imports all rows or none.
/// </summary>
public static class UnitCsv
{
    public const int MaxRows = 2000;

    private static readonly Dictionary<string, UnitType> TypeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["residential"] = UnitType.Residential,
        ["résidentiel"] = UnitType.Residential,
        ["residentiel"] = UnitType.Residential,
        ["commercial"] = UnitType.Commercial,
        ["commerce"] = UnitType.Commercial,
    };

    public static (IReadOnlyList<UnitRow> Rows, IReadOnlyList<UnitRowError> Errors) Parse(string csv)
    {
        var rows = new List<UnitRow>();
        var errors = new List<UnitRowError>();
        var options = new CsvReaderOptions
        {
            SkipEmptyLines = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            NormalizeHeaderName = h => h.Trim().ToLowerInvariant(),
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
        };
        using var reader = CsvReader.FromText(csv, options);
        reader.ReadHeader();
        var header = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        if (!header.Contains("number") || !header.Contains("floor") || !header.Contains("type"))
        {
            return ([], [new UnitRowError(1, "header", UnitTexts.MissingHeader)]);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var row = (int)reader.LineNumber;
            if (rows.Count + errors.Count >= MaxRows)
            {
                return ([], [new UnitRowError(row, "file", UnitTexts.TooManyRows)]);
            }

            var rowErrors = new List<UnitRowError>();
            var number = UnitDocument.NormalizeNumber(reader.GetStringOrNull("number"));
            if (number.Length == 0)
            {
                rowErrors.Add(new UnitRowError(row, "number", UnitTexts.NumberRequired));
            }
            else if (number.Length > 10 || !number.All(char.IsAsciiLetterOrDigit))
            {
                rowErrors.Add(new UnitRowError(row, "number", UnitTexts.NumberInvalid));
            }
            else if (!seen.Add(number))
            {
                rowErrors.Add(new UnitRowError(row, "number", UnitTexts.NumberDuplicate));
            }

            var floor = ParseInt(reader.GetStringOrNull("floor"), 0, 200, required: true);
            if (floor.Invalid)
            {
                rowErrors.Add(new UnitRowError(row, "floor", UnitTexts.FloorInvalid));
            }

            if (!TypeWords.TryGetValue(reader.GetStringOrNull("type")?.Trim() ?? string.Empty, out var type))
            {
                rowErrors.Add(new UnitRowError(row, "type", UnitTexts.TypeInvalid));
            }

            var area = ParseInt(header.Contains("area") ? reader.GetStringOrNull("area") : null, 1, 100_000, required: false);
            if (area.Invalid)
            {
                rowErrors.Add(new UnitRowError(row, "area", UnitTexts.AreaInvalid));
            }

            var bedrooms = ParseInt(header.Contains("bedrooms") ? reader.GetStringOrNull("bedrooms") : null, 0, 20, required: false);
            if (bedrooms.Invalid)
            {
                rowErrors.Add(new UnitRowError(row, "bedrooms", UnitTexts.BedroomsInvalid));
            }

            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
            }
            else
            {
                rows.Add(new UnitRow(row, number, floor.Value!.Value, type, area.Value, bedrooms.Value));
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new UnitRowError(1, "file", UnitTexts.Empty));
        }

        return (errors.Count > 0 ? [] : rows, errors);
    }

    private static (int? Value, bool Invalid) ParseInt(string? text, int min, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, required);
        }

        var cleaned = text.Replace("\u00A0", string.Empty, StringComparison.Ordinal).Replace("\u202F", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        return int.TryParse(cleaned, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, false)
            : (null, true);
    }
}
