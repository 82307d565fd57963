namespace LoftsDesArts.Core.Buildings;

/// <summary>
/// The building this deployment starts with (section <c>Portal</c>), and the public address links in
/// emails point to. A portfolio adds buildings later; the first one comes from configuration.
/// </summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    public string BuildingId { get; set; } = "lofts-des-arts";

    public string BuildingName { get; set; } = "Lofts des Arts";

    public string BuildingAddress { get; set; } = "1625, rue Clark, Montréal (Québec) H2X 2R4";

    /// <summary>
    /// The portal's public origin for links in emails (https://portail.example.ca). Empty: the self-host
    /// uses the first address it listens on.
    /// </summary>
    public string PublicOrigin { get; set; } = string.Empty;
}
