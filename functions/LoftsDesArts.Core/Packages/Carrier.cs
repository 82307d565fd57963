using System.Text.Json.Serialization;

namespace LoftsDesArts.Core.Packages;

/// <summary>
/// Who delivered a package. Wire names are kebab case (<c>canada-post</c>): the member attributes
/// override the camelCase enum policy of <c>StoreJson</c> and the HTTP JSON options.
/// </summary>
public enum Carrier
{
    [JsonStringEnumMemberName("canada-post")]
    CanadaPost,

    [JsonStringEnumMemberName("purolator")]
    Purolator,

    [JsonStringEnumMemberName("ups")]
    Ups,

    [JsonStringEnumMemberName("fedex")]
    FedEx,

    [JsonStringEnumMemberName("dhl")]
    Dhl,

    [JsonStringEnumMemberName("amazon")]
    Amazon,

    [JsonStringEnumMemberName("other")]
    Other,
}
