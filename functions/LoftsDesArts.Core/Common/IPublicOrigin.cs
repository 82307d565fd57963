namespace LoftsDesArts.Core.Common;

/// <summary>
/// The portal's public origin (https://portail.example.ca), for links in emails: configured in Azure
/// (<c>Portal:PublicOrigin</c>, the Static Web App's address), or where the self-host listens.
/// </summary>
public interface IPublicOrigin
{
    string Origin { get; }
}
