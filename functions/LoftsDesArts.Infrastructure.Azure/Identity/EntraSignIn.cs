using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LoftsDesArts.Infrastructure.Azure.Identity;

/// <summary>
/// Staff sign-in with Entra ID (DESIGN §5): a server-side authorization-code flow with PKCE through
/// MSAL.NET as a confidential client, then our own validation of the ID token with
/// Microsoft.IdentityModel — issuer of the configured tenant, audience = client id, signature against
/// the tenant's published keys, lifetime on the injected clock, nonce of this flow. MSAL does not check
/// the ID token's signature; nothing downstream trusts a claim that this class has not validated.
/// </summary>
/// <remarks>
/// The client credential is a client assertion: a token of the Function App's managed identity for the
/// audience <c>api://AzureADTokenExchange</c>, which the app registration trusts through a federated
/// identity credential. No secret or certificate exists to store, rotate or leak. A confidential client
/// is built per call, so the tokens MSAL caches (access and refresh tokens we never use) go with it.
/// </remarks>
public sealed partial class EntraSignIn : IEntraSignIn
{
    /// <summary>The named <see cref="HttpClient"/> for the token endpoint and the OpenID metadata.</summary>
    public const string HttpClientName = "Entra";

    /// <summary>Key of the keyed services this adapter uses (its credential and its configuration manager).</summary>
    public const string ServiceKey = "Entra";

    // openid, profile and offline_access are added by MSAL; email asks for the address claim.
    private static readonly string[] Scopes = ["email"];
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly EntraOptions _options;
    private readonly TokenCredential _credential;
    private readonly IConfigurationManager<OpenIdConnectConfiguration> _configuration;
    private readonly IMsalHttpClientFactory _httpClients;
    private readonly TimeProvider _clock;
    private readonly ILogger<EntraSignIn> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public EntraSignIn(
        IOptions<EntraOptions> options,
        [FromKeyedServices(ServiceKey)] TokenCredential credential,
        [FromKeyedServices(ServiceKey)] IConfigurationManager<OpenIdConnectConfiguration> configuration,
        IHttpClientFactory httpClients,
        TimeProvider clock,
        ILogger<EntraSignIn> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _credential = credential;
        _configuration = configuration;
        _httpClients = new MsalHttpClients(httpClients);
        _clock = clock;
        _logger = logger;
    }

    public bool IsConfigured => true;

    public async Task<EntraAuthorization> BeginAsync(Uri redirectUri, CancellationToken cancellationToken)
    {
        var state = RandomTokens.UrlToken();
        var nonce = RandomTokens.UrlToken();
        var url = await CreateApplication(redirectUri)
            .GetAuthorizationRequestUrl(Scopes)
            .WithPkce(out var codeVerifier)
            .WithExtraQueryParameters(new Dictionary<string, (string Value, bool IncludeInCacheKey)>(StringComparer.Ordinal)
            {
                ["state"] = (state, false),
                ["nonce"] = (nonce, false),
            })
            .ExecuteAsync(cancellationToken)
            .ConfigureAwait(false);
        return new EntraAuthorization(url, state, codeVerifier, nonce);
    }

    public async Task<EntraIdentity> CompleteAsync(string code, string codeVerifier, string nonce, Uri redirectUri, CancellationToken cancellationToken)
    {
        AuthenticationResult result;
        try
        {
            result = await CreateApplication(redirectUri)
                .AcquireTokenByAuthorizationCode(Scopes, code)
                .WithPkceCodeVerifier(codeVerifier)
                .ExecuteAsync(cancellationToken)
                .ConfigureAwait(false);
        }
        catch (MsalServiceException ex) when (ex.StatusCode is 0 or >= 500)
        {
            LogTokenEndpointUnavailable(_logger, ex.ErrorCode, ex.StatusCode);
            throw Unavailable();
        }
        catch (MsalException ex)
        {
            // invalid_grant (a spent, expired or foreign code, a wrong verifier), a refused assertion...
            LogCodeRefused(_logger, ex.ErrorCode);
            throw Failed();
        }

        return await ValidateIdTokenAsync(result.IdToken, nonce, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates an ID token from the token endpoint; public for the adapter's tests.</summary>
    public async Task<EntraIdentity> ValidateIdTokenAsync(string? idToken, string nonce, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(idToken))
        {
            LogTokenRefused(_logger, "no ID token in the token response");
            throw Failed();
        }

        var validation = await ValidateAsync(idToken, cancellationToken).ConfigureAwait(false);
        if (!validation.IsValid && validation.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys rotated since the metadata was read: read it again, once.
            _configuration.RequestRefresh();
            validation = await ValidateAsync(idToken, cancellationToken).ConfigureAwait(false);
        }

        if (!validation.IsValid)
        {
            LogTokenRefused(_logger, validation.Exception?.GetType().Name ?? "invalid");
            throw Failed();
        }

        var token = (JsonWebToken)validation.SecurityToken;
        var tenantId = Claim(token, "tid");
        var objectId = Claim(token, "oid");
        if (!FixedTimeEquals(Claim(token, "nonce"), nonce))
        {
            LogTokenRefused(_logger, "nonce");
            throw Failed();
        }

        if (!string.Equals(tenantId, _options.TenantId, StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(objectId))
        {
            LogTokenRefused(_logger, "tid/oid");
            throw Failed();
        }

        return new EntraIdentity(tenantId!.ToLowerInvariant(), objectId.ToLowerInvariant(), Claim(token, "name"), Claim(token, "email") ?? Claim(token, "preferred_username"));
    }

    private async Task<TokenValidationResult> ValidateAsync(string idToken, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration metadata;
        try
        {
            metadata = await _configuration.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            // The metadata or the keys could not be read (network, TLS, a malformed document).
            LogMetadataUnavailable(_logger, ex.GetType().Name);
            throw Unavailable();
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.ClientId,
            IssuerSigningKeys = metadata.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            LifetimeValidator = LifetimeIsValid,
        };
        return await _handler.ValidateTokenAsync(idToken, parameters).ConfigureAwait(false);
    }

    /// <summary>On the injected clock, with five minutes of skew as Entra ID's own guidance allows.</summary>
    private bool LifetimeIsValid(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return expires is { } exp && now < exp.ToUniversalTime() + ClockSkew
            && (notBefore is not { } nbf || nbf.ToUniversalTime() - ClockSkew <= now);
    }

    private IConfidentialClientApplication CreateApplication(Uri redirectUri) =>
        ConfidentialClientApplicationBuilder.Create(_options.ClientId)
            .WithAuthority(_options.Instance.ToString(), _options.TenantId)
            // The authority is configured, not discovered: no instance-discovery call to the public cloud.
            .WithInstanceDiscovery(false)
            .WithRedirectUri(redirectUri.ToString())
            .WithClientAssertion(ClientAssertionAsync)
            .WithHttpClientFactory(_httpClients)
            .Build();

    /// <summary>The managed identity's token for the federated credential's audience, as the client assertion.</summary>
    private async Task<string> ClientAssertionAsync(AssertionRequestOptions options)
    {
        var token = await _credential.GetTokenAsync(new TokenRequestContext([_options.AssertionAudience + "/.default"]), options.CancellationToken).ConfigureAwait(false);
        return token.Token;
    }

    private static string? Claim(JsonWebToken token, string type) =>
        token.TryGetPayloadValue<string>(type, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static bool FixedTimeEquals(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static DomainException Failed() => new(ErrorKind.Validation, "entra-failed", IdentityTexts.EntraFailed);

    private static DomainException Unavailable() =>
        new(ErrorKind.Unavailable, "entra-unavailable", IdentityTexts.EntraUnavailable) { RetryAfter = TimeSpan.FromSeconds(5) };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entra ID refused the authorization code ({ErrorCode}).")]
    private static partial void LogCodeRefused(ILogger logger, string errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Entra ID's token endpoint is unavailable ({ErrorCode}, HTTP {StatusCode}).")]
    private static partial void LogTokenEndpointUnavailable(ILogger logger, string errorCode, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An ID token from Entra ID was refused: {Reason}.")]
    private static partial void LogTokenRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Entra ID's OpenID metadata could not be read ({Error}).")]
    private static partial void LogMetadataUnavailable(ILogger logger, string error);

    /// <summary>MSAL's HTTP through <see cref="IHttpClientFactory"/> (never <c>new HttpClient()</c>).</summary>
    private sealed class MsalHttpClients(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
    }
}
