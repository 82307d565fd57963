using System.Text.Json.Serialization;

namespace LoftsDesArts.Core.Packages;

/// <summary>Handling flags on a package (API contract: <c>perishable</c>, <c>signature-required</c>, <c>fragile</c>).</summary>
public enum PackageFlag
{
    [JsonStringEnumMemberName("perishable")]
    Perishable,

    [JsonStringEnumMemberName("signature-required")]
    SignatureRequired,

    [JsonStringEnumMemberName("fragile")]
    Fragile,
}
