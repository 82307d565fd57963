using System.Text.Json.Serialization;

namespace LoftsDesArts.Core.Packages;

/// <summary>A package's size as the desk records it (API contract: <c>envelope</c> … <c>oversized</c>).</summary>
public enum PackageSize
{
    [JsonStringEnumMemberName("envelope")]
    Envelope,

    [JsonStringEnumMemberName("small")]
    Small,

    [JsonStringEnumMemberName("large")]
    Large,

    [JsonStringEnumMemberName("oversized")]
    Oversized,
}
