namespace LoftsDesArts.Core.Identity;

/// <summary>The start of an authorization-code flow: where to send the browser, and what to keep until the callback.</summary>
public sealed record EntraAuthorization(Uri AuthorizeUrl, string State, string CodeVerifier, string Nonce);

/// <summary>A staff member as Entra ID vouches for them: keyed by tenant and object id.</summary>
public sealed record EntraIdentity(string TenantId, string ObjectId, string? Name, string? Email);

/// <summary>
/// Staff sign-in through Entra ID with a server-side authorization-code flow and PKCE (DESIGN §5):
/// the callback issues the portal's own session cookies; no token reaches the browser.
/// </summary>
public interface IEntraSignIn
{
    bool IsConfigured { get; }

    Task<EntraAuthorization> BeginAsync(Uri redirectUri, CancellationToken cancellationToken);

    /// <summary>Redeems the code and validates the ID token (issuer, audience, signature, nonce, lifetime).</summary>
    Task<EntraIdentity> CompleteAsync(string code, string codeVerifier, string nonce, Uri redirectUri, CancellationToken cancellationToken);
}

/// <summary>Where no Entra tenant is configured (the self-host's default): the routes answer "not configured".</summary>
public sealed class EntraSignInNotConfigured : IEntraSignIn
{
    public bool IsConfigured => false;

    public Task<EntraAuthorization> BeginAsync(Uri redirectUri, CancellationToken cancellationToken) => throw NotConfigured();

    public Task<EntraIdentity> CompleteAsync(string code, string codeVerifier, string nonce, Uri redirectUri, CancellationToken cancellationToken) => throw NotConfigured();

    private static Common.DomainException NotConfigured() =>
        Common.DomainException.NotFound("entra-not-configured", IdentityTexts.EntraNotConfigured);
}
