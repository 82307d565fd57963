using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Http;

/// <summary>The origin from <c>Portal:PublicOrigin</c>; the Functions host must set it (the web's address).</summary>
public sealed class ConfiguredPublicOrigin(IOptions<PortalOptions> options) : IPublicOrigin
{
    public string Origin => options.Value.PublicOrigin is { Length: > 0 } origin
        ? origin
        : throw new InvalidOperationException("Portal:PublicOrigin is not set: links in emails need the portal's public address.");
}
