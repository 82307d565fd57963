using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Units;

public enum UnitType
{
    Residential,
    Commercial,
}

/// <summary>A unit (id <c>unit:{unitId}</c>); its id is its normalised number (504, PH2, 101).</summary>
public sealed record UnitDocument : Document
{
    public override string Type => "unit";

    public required string BuildingId { get; init; }

    public required string UnitId { get; init; }

    /// <summary>As written on the door: "504", "PH2".</summary>
    public required string Number { get; init; }

    /// <summary>Floor number; 1 is the ground floor (rez-de-chaussée).</summary>
    public required int Floor { get; init; }

    public required UnitType UnitType { get; init; }

    public int? AreaSqFt { get; init; }

    public int? Bedrooms { get; init; }

    /// <summary>Sort key: floor then number, zero-padded, so the roster lists in building order.</summary>
    public required string SortKey { get; init; }

    public static string IdFor(string unitId) => "unit:" + unitId;

    /// <summary>A roster row as a unit of the building; the number (already normalised) is its id.</summary>
    public static UnitDocument From(string buildingId, UnitRow row) => new()
    {
        Id = IdFor(row.Number),
        BuildingId = buildingId,
        UnitId = row.Number,
        Number = row.Number,
        Floor = row.Floor,
        UnitType = row.UnitType,
        AreaSqFt = row.AreaSqFt,
        Bedrooms = row.Bedrooms,
        SortKey = MakeSortKey(row.Floor, row.Number),
    };

    /// <summary>Upper-case, no spaces, no leading "#" or "unité": "ph 2" → "PH2".</summary>
    public static string NormalizeNumber(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return string.Empty;
        }

        var trimmed = number.Trim().TrimStart('#').Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return trimmed.ToUpperInvariant();
    }

    public static string MakeSortKey(int floor, string number) =>
        floor.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + ":" + number.PadLeft(6, '0');
}
