using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoftsDesArts.Testing.Identity;

/// <summary>One call to the stub's token endpoint, as received (form fields by name).</summary>
public sealed record EntraTokenRequest(string Path, IReadOnlyDictionary<string, string> Form);

/// <summary>The query of an authorization URL the adapter built (what the browser would take to Microsoft).</summary>
public sealed record EntraAuthorizeRequest(Uri Url, string ClientId, string RedirectUri, string State, string Nonce, string CodeChallenge, string CodeChallengeMethod, string Scope)
{
    public static EntraAuthorizeRequest Parse(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query);
        string Get(string name) => query.TryGetValue(name, out var value) ? value.ToString() : "";
        return new EntraAuthorizeRequest(url, Get("client_id"), Get("redirect_uri"), Get("state"), Get("nonce"), Get("code_challenge"), Get("code_challenge_method"), Get("scope"));
    }
}

/// <summary>
/// A stand-in for an Entra ID tenant on https://127.0.0.1 (a free port, a self-signed certificate made
/// for the run): OpenID metadata, the signing keys (JWKS) and the v2.0 token endpoint. The token
/// endpoint behaves as Entra's for the authorization-code grant with PKCE and a client assertion:
/// it redeems a code once, only with the verifier whose S256 hash was the challenge, the redirect URI
/// of the authorization and the expected assertion; it answers the ID token the test prepared for the
/// code (signed with the stub's RSA key, or any key the test chooses).
/// </summary>
public sealed class EntraStub : IAsyncDisposable
{
    public const string TenantId = "5f0e8c1a-3b7d-4c2e-9a61-0d4b7e2f9c13";
    public const string ClientId = "a3c9d2e1-7b4f-4e8a-b6d5-2c1f0e9a8b77";

    /// <summary>What the managed identity hands out as the client assertion in the tests.</summary>
    public const string Assertion = "managed-identity-token-for-api-AzureADTokenExchange";

    public const string KeyId = "stub-signing-key";

    private readonly WebApplication _app;
    private readonly string _thumbprint;
    private readonly ConcurrentQueue<EntraTokenRequest> _tokenRequests = new();
    private readonly ConcurrentDictionary<string, PreparedCode> _codes = new(StringComparer.Ordinal);
    private int _metadataReads;

    private EntraStub(WebApplication app, Uri instance, X509Certificate2 certificate, RSA signingRsa)
    {
        _app = app;
        Instance = instance;
        Certificate = certificate;
        _thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        SigningKey = new RsaSecurityKey(signingRsa) { KeyId = KeyId };
    }

    /// <summary><c>https://127.0.0.1:{port}/</c>: the value of <c>Entra:Instance</c>.</summary>
    public Uri Instance { get; }

    public X509Certificate2 Certificate { get; }

    public RsaSecurityKey SigningKey { get; }

    public string Issuer => new Uri(Instance, TenantId + "/v2.0").ToString();

    public IReadOnlyList<EntraTokenRequest> TokenRequests => [.. _tokenRequests];

    /// <summary>Reads of the metadata document.</summary>
    public int MetadataReads => _metadataReads;

    public static async Task<EntraStub> StartAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        using var tlsKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", tlsKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        EntraStub? stub = null;
        app.Run(context => stub!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub = new EntraStub(app, new Uri(address.TrimEnd('/') + "/"), certificate, RSA.Create(2048));
        return stub;
    }

    /// <summary>A handler that trusts this stub's certificate and nothing else (for the adapter's named HttpClient).</summary>
    public HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), _thumbprint, StringComparison.OrdinalIgnoreCase),
        },
    };

    /// <summary>
    /// What Microsoft does after the person signs in: a code bound to the authorization's PKCE
    /// challenge and redirect URI, redeemable once for <paramref name="idToken"/>.
    /// </summary>
    public string IssueCode(EntraAuthorizeRequest authorization, string idToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var code = "code-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _codes[code] = new PreparedCode(authorization.CodeChallenge, authorization.RedirectUri, idToken);
        return code;
    }

    /// <summary>An Entra-shaped v2.0 ID token; every part can be changed to make it wrong.</summary>
    public string CreateIdToken(
        string objectId,
        string nonce,
        DateTimeOffset issuedAt,
        string? audience = null,
        string? issuer = null,
        string? tenantId = null,
        TimeSpan? lifetime = null,
        SecurityKey? signingKey = null,
        string name = "Camille Gagnon",
        string? preferredUsername = "camille.gagnon@lofts.example.test",
        string? email = null)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["ver"] = "2.0",
            ["tid"] = tenantId ?? TenantId,
            ["oid"] = objectId,
            ["sub"] = "pairwise-" + objectId,
            ["name"] = name,
            ["nonce"] = nonce,
            ["aio"] = "stub",
        };
        if (preferredUsername is not null)
        {
            claims["preferred_username"] = preferredUsername;
        }

        if (email is not null)
        {
            claims["email"] = email;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? ClientId,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SigningKey.Rsa.Dispose();
        Certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var tenant = "/" + TenantId;
        if (HttpMethods.IsGet(context.Request.Method) && path == tenant + "/v2.0/.well-known/openid-configuration")
        {
            Interlocked.Increment(ref _metadataReads);
            await WriteJsonAsync(context, 200, new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = new Uri(Instance, TenantId + "/oauth2/v2.0/authorize").ToString(),
                ["token_endpoint"] = new Uri(Instance, TenantId + "/oauth2/v2.0/token").ToString(),
                ["jwks_uri"] = new Uri(Instance, TenantId + "/discovery/v2.0/keys").ToString(),
                ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
                ["subject_types_supported"] = new[] { "pairwise" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && path == tenant + "/discovery/v2.0/keys")
        {
            var parameters = SigningKey.Rsa.ExportParameters(false);
            await WriteJsonAsync(context, 200, new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", kid = KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            });
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && path == tenant + "/oauth2/v2.0/token")
        {
            var form = await context.Request.ReadFormAsync();
            var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            _tokenRequests.Enqueue(new EntraTokenRequest(path, fields));
            await RedeemAsync(context, fields);
            return;
        }

        context.Response.StatusCode = 404;
    }

    private async Task RedeemAsync(HttpContext context, Dictionary<string, string> form)
    {
        string Field(string name) => form.TryGetValue(name, out var value) ? value : "";
        if (Field("client_id") != ClientId
            || Field("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            || Field("client_assertion") != Assertion)
        {
            await ErrorAsync(context, 401, "invalid_client", "AADSTS700027: Client assertion failed signature validation.");
            return;
        }

        if (Field("grant_type") != "authorization_code" || !_codes.TryRemove(Field("code"), out var prepared))
        {
            await ErrorAsync(context, 400, "invalid_grant", "AADSTS70008: The provided authorization code or refresh token has expired or was already redeemed.");
            return;
        }

        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Field("code_verifier"))));
        if (challenge != prepared.CodeChallenge)
        {
            await ErrorAsync(context, 400, "invalid_grant", "AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.");
            return;
        }

        if (Field("redirect_uri") != prepared.RedirectUri)
        {
            await ErrorAsync(context, 400, "invalid_grant", "AADSTS50148: The redirect_uri does not match the one used in the authorization request.");
            return;
        }

        var idToken = new JsonWebToken(prepared.IdToken);
        var oid = idToken.TryGetPayloadValue<string>("oid", out var o) ? o : "unknown";
        var tid = idToken.TryGetPayloadValue<string>("tid", out var t) ? t : TenantId;
        await WriteJsonAsync(context, 200, new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = "email openid profile",
            ["expires_in"] = 3599,
            ["ext_expires_in"] = 3599,
            ["access_token"] = "stub-access-token-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            ["refresh_token"] = "stub-refresh-token-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            ["id_token"] = prepared.IdToken,
            ["client_info"] = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { uid = oid, utid = tid })),
        });
    }

    private static Task ErrorAsync(HttpContext context, int status, string error, string description) =>
        WriteJsonAsync(context, status, new Dictionary<string, object> { ["error"] = error, ["error_description"] = description, ["error_codes"] = new[] { 70008 } });

    private static async Task WriteJsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private sealed record PreparedCode(string CodeChallenge, string RedirectUri, string IdToken);
}

/// <summary>The managed identity as the tests see it: hands out <see cref="EntraStub.Assertion"/> and records the scopes asked for.</summary>
public sealed class StubAssertionCredential : global::Azure.Core.TokenCredential
{
    private readonly ConcurrentQueue<string[]> _scopes = new();

    public IReadOnlyList<string[]> RequestedScopes => [.. _scopes];

    public override global::Azure.Core.AccessToken GetToken(global::Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        _scopes.Enqueue(requestContext.Scopes);
        return new global::Azure.Core.AccessToken(EntraStub.Assertion, TimeProvider.System.GetUtcNow().AddHours(1));
    }

    public override ValueTask<global::Azure.Core.AccessToken> GetTokenAsync(global::Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
