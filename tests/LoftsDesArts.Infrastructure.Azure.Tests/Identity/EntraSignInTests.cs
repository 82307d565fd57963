using System.Security.Cryptography;
using System.Text;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Infrastructure.Azure.Identity;
using LoftsDesArts.Testing.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Identity;

/// <summary>The Entra stub (https on 127.0.0.1, metadata, keys, token endpoint) for one test class.</summary>
public sealed class EntraStubFixture : IAsyncLifetime
{
    public EntraStub Stub { get; private set; } = null!;

    public async Task InitializeAsync() => Stub = await EntraStub.StartAsync();

    public async Task DisposeAsync() => await Stub.DisposeAsync();
}

/// <summary>
/// <see cref="EntraSignIn"/> against a local Entra ID stub: MSAL builds the authorization URL and redeems
/// the code at the stub's token endpoint over TLS; the real configuration manager reads the stub's
/// metadata and keys; every ID token the stub returns is Entra-shaped and signed with a local RSA key.
/// </summary>
public sealed class EntraSignInTests(EntraStubFixture fixture) : IClassFixture<EntraStubFixture>, IDisposable
{
    private static readonly Uri RedirectUri = new("https://portail.lofts.example.test/api/auth/entra/callback");

    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());
    private readonly StubAssertionCredential _credential = new();
    private ServiceProvider? _provider;

    private EntraStub Stub => fixture.Stub;

    public void Dispose() => _provider?.Dispose();

    [Fact]
    public async Task BeginAsync_BuildsAnAuthorizationUrlWithPkceStateAndNonce()
    {
        var entra = CreateSignIn();

        var authorization = await entra.BeginAsync(RedirectUri, CancellationToken.None);

        var request = EntraAuthorizeRequest.Parse(authorization.AuthorizeUrl);
        Assert.Equal(new Uri(Stub.Instance, EntraStub.TenantId + "/oauth2/v2.0/authorize").AbsolutePath, authorization.AuthorizeUrl.AbsolutePath);
        Assert.Equal(EntraStub.ClientId, request.ClientId);
        Assert.Equal(RedirectUri.ToString(), request.RedirectUri);
        Assert.Equal(authorization.State, request.State);
        Assert.Equal(authorization.Nonce, request.Nonce);
        Assert.Equal("S256", request.CodeChallengeMethod);
        Assert.Equal(Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(authorization.CodeVerifier))), request.CodeChallenge);
        Assert.Contains("openid", request.Scope.Split(' '));
        Assert.True(authorization.State.Length >= 43 && authorization.Nonce.Length >= 43, "state and nonce carry 256 random bits");
        Assert.NotEqual(authorization.State, (await entra.BeginAsync(RedirectUri, CancellationToken.None)).State);
    }

    [Fact]
    public async Task CompleteAsync_ValidCode_IdentityFromTheValidatedToken()
    {
        var entra = CreateSignIn();
        var authorization = await entra.BeginAsync(RedirectUri, CancellationToken.None);
        var code = IssueCode(authorization, "0b7c4d21-8e5f-4a36-9c2b-1f6e3d8a5b40");

        var identity = await entra.CompleteAsync(code, authorization.CodeVerifier, authorization.Nonce, RedirectUri, CancellationToken.None);

        Assert.Equal(new EntraIdentity(EntraStub.TenantId, "0b7c4d21-8e5f-4a36-9c2b-1f6e3d8a5b40", "Camille Gagnon", "camille.gagnon@lofts.example.test"), identity);
    }

    [Fact]
    public async Task CompleteAsync_SendsThePkceVerifierAndTheManagedIdentityAssertion()
    {
        var entra = CreateSignIn();
        var authorization = await entra.BeginAsync(RedirectUri, CancellationToken.None);
        var code = IssueCode(authorization, "3c9e1f0a-2b7d-4d8e-a5c6-7f1b0e2d9a83");
        var before = Stub.TokenRequests.Count;

        await entra.CompleteAsync(code, authorization.CodeVerifier, authorization.Nonce, RedirectUri, CancellationToken.None);

        var form = Assert.Single(Stub.TokenRequests.Skip(before)).Form;
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal(code, form["code"]);
        Assert.Equal(authorization.CodeVerifier, form["code_verifier"]);
        Assert.Equal(RedirectUri.ToString(), form["redirect_uri"]);
        Assert.Equal(EntraStub.ClientId, form["client_id"]);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        Assert.Equal(EntraStub.Assertion, form["client_assertion"]);
        Assert.False(form.ContainsKey("client_secret"));
        Assert.Contains(_credential.RequestedScopes, s => s.SequenceEqual(["api://AzureADTokenExchange/.default"]));
    }

    [Fact]
    public async Task CompleteAsync_WrongVerifier_RefusedByTheTokenEndpoint()
    {
        var entra = CreateSignIn();
        var authorization = await entra.BeginAsync(RedirectUri, CancellationToken.None);
        var code = IssueCode(authorization, "4d0f2a1b-3c8e-4e9f-b6d7-8a2c1f3e0b94");
        var other = await entra.BeginAsync(RedirectUri, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<DomainException>(() => entra.CompleteAsync(code, other.CodeVerifier, authorization.Nonce, RedirectUri, CancellationToken.None));

        Assert.Equal(("entra-failed", ErrorKind.Validation), (refused.Code, refused.Kind));
    }

    [Fact]
    public async Task CompleteAsync_CodeRedeemedTwice_SecondRefused()
    {
        var entra = CreateSignIn();
        var authorization = await entra.BeginAsync(RedirectUri, CancellationToken.None);
        var code = IssueCode(authorization, "5e1a3b2c-4d9f-4f0a-87e8-9b3d2a4f1c05");
        await entra.CompleteAsync(code, authorization.CodeVerifier, authorization.Nonce, RedirectUri, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<DomainException>(() => entra.CompleteAsync(code, authorization.CodeVerifier, authorization.Nonce, RedirectUri, CancellationToken.None));

        Assert.Equal("entra-failed", refused.Code);
    }

    public static TheoryData<string> WrongTokens => ["audience", "issuer", "tenant", "expired", "not-yet-valid", "signature", "nonce", "no-oid"];

    [Theory]
    [MemberData(nameof(WrongTokens))]
    public async Task CompleteAsync_IdTokenWrong_Refused(string wrong)
    {
        var entra = CreateSignIn();
        var authorization = await entra.BeginAsync(RedirectUri, CancellationToken.None);
        var now = _clock.GetUtcNow();
        using var otherRsa = RSA.Create(2048);
        var token = wrong switch
        {
            "audience" => Stub.CreateIdToken("oid-1", authorization.Nonce, now, audience: "api://another-app"),
            "issuer" => Stub.CreateIdToken("oid-1", authorization.Nonce, now, issuer: "https://login.microsoftonline.com/" + EntraStub.TenantId + "/v2.0"),
            "tenant" => Stub.CreateIdToken("oid-1", authorization.Nonce, now, tenantId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"),
            "expired" => Stub.CreateIdToken("oid-1", authorization.Nonce, now - TimeSpan.FromHours(2)),
            "not-yet-valid" => Stub.CreateIdToken("oid-1", authorization.Nonce, now + TimeSpan.FromHours(1)),
            // Same key id as the published key, another key: only the signature check can tell.
            "signature" => Stub.CreateIdToken("oid-1", authorization.Nonce, now, signingKey: new RsaSecurityKey(otherRsa) { KeyId = EntraStub.KeyId }),
            "nonce" => Stub.CreateIdToken("oid-1", "a-nonce-from-another-flow", now),
            "no-oid" => Stub.CreateIdToken("", authorization.Nonce, now),
            _ => throw new ArgumentOutOfRangeException(nameof(wrong)),
        };
        var code = Stub.IssueCode(EntraAuthorizeRequest.Parse(authorization.AuthorizeUrl), token);

        var refused = await Assert.ThrowsAsync<DomainException>(() => entra.CompleteAsync(code, authorization.CodeVerifier, authorization.Nonce, RedirectUri, CancellationToken.None));

        Assert.Equal(("entra-failed", ErrorKind.Validation), (refused.Code, refused.Kind));
    }

    [Fact]
    public async Task CompleteAsync_LifetimeOnTheInjectedClock_ValidTokenRefusedOnceTheClockPassesItsExpiry()
    {
        var entra = CreateSignIn();
        var authorization = await entra.BeginAsync(RedirectUri, CancellationToken.None);
        var request = EntraAuthorizeRequest.Parse(authorization.AuthorizeUrl);
        var token = Stub.CreateIdToken("6f2b4c3d-5e0a-4a1b-98f9-0c4e3b5a2d16", authorization.Nonce, _clock.GetUtcNow(), lifetime: TimeSpan.FromMinutes(10));
        var code = Stub.IssueCode(request, token);

        _clock.Advance(TimeSpan.FromMinutes(16));

        await Assert.ThrowsAsync<DomainException>(() => entra.CompleteAsync(code, authorization.CodeVerifier, authorization.Nonce, RedirectUri, CancellationToken.None));
    }

    [Fact]
    public async Task ValidateIdTokenAsync_MetadataAndKeysReadOnceThenCached()
    {
        var entra = CreateSignIn();
        var nonce = "n-" + Guid.NewGuid().ToString("N");
        var before = Stub.MetadataReads;

        await entra.ValidateIdTokenAsync(Stub.CreateIdToken("7a3c5d4e-6f1b-4b2c-a9a0-1d5f4c6b3e27", nonce, _clock.GetUtcNow()), nonce, CancellationToken.None);
        await entra.ValidateIdTokenAsync(Stub.CreateIdToken("7a3c5d4e-6f1b-4b2c-a9a0-1d5f4c6b3e27", nonce, _clock.GetUtcNow()), nonce, CancellationToken.None);

        Assert.Equal(1, Stub.MetadataReads - before);
    }

    [Fact]
    public async Task ValidateIdTokenAsync_EmailClaimPreferredOverPreferredUsername()
    {
        var entra = CreateSignIn();
        var token = Stub.CreateIdToken("8b4d6e5f-7a2c-4c3d-b0b1-2e6a5d7c4f38", "n", _clock.GetUtcNow(), email: "c.gagnon@example.test");

        var identity = await entra.ValidateIdTokenAsync(token, "n", CancellationToken.None);

        Assert.Equal("c.gagnon@example.test", identity.Email);
    }

    [Fact]
    public void AddAzureEntraSignIn_WithoutClientId_AddsNothing()
    {
        var services = new ServiceCollection();

        services.AddAzureEntraSignIn(new ConfigurationBuilder().AddInMemoryCollection([new("Entra:TenantId", EntraStub.TenantId)]).Build());

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IEntraSignIn) || d.ServiceType == typeof(EntraSignIn));
    }

    [Fact]
    public void AddAzureEntraSignIn_ClientIdConfigured_ReplacesNotConfigured()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IEntraSignIn, EntraSignInNotConfigured>();

        services.AddAzureEntraSignIn(Configuration());

        Assert.Single(services, d => d.ServiceType == typeof(IEntraSignIn));
        using var provider = services.BuildServiceProvider();
        var entra = Assert.IsType<EntraSignIn>(provider.GetRequiredService<IEntraSignIn>());
        Assert.True(entra.IsConfigured);
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/", "contoso.onmicrosoft.com", EntraStub.ClientId, "TenantId")]
    [InlineData("https://login.microsoftonline.com/", EntraStub.TenantId, "my-app", "ClientId")]
    [InlineData("http://login.microsoftonline.com/", EntraStub.TenantId, EntraStub.ClientId, "Instance")]
    public void Problem_InvalidOptions_NamesTheSetting(string instance, string tenantId, string clientId, string setting)
    {
        var options = new EntraOptions { Instance = new Uri(instance), TenantId = tenantId, ClientId = clientId };

        Assert.Contains("Entra:" + setting, options.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_PublicCloud_IssuerAndMetadataOfTheTenant()
    {
        var options = new EntraOptions { TenantId = EntraStub.TenantId, ClientId = EntraStub.ClientId };

        Assert.Null(options.Problem());
        Assert.Equal($"https://login.microsoftonline.com/{EntraStub.TenantId}/v2.0", options.Issuer);
        Assert.Equal($"https://login.microsoftonline.com/{EntraStub.TenantId}/v2.0/.well-known/openid-configuration", options.MetadataAddress.ToString());
    }

    private string IssueCode(EntraAuthorization authorization, string objectId) =>
        Stub.IssueCode(EntraAuthorizeRequest.Parse(authorization.AuthorizeUrl), Stub.CreateIdToken(objectId, authorization.Nonce, _clock.GetUtcNow()));

    private IConfiguration Configuration() => new ConfigurationBuilder().AddInMemoryCollection(
    [
        new("Entra:Instance", Stub.Instance.ToString()),
        new("Entra:TenantId", EntraStub.TenantId),
        new("Entra:ClientId", EntraStub.ClientId),
    ]).Build();

    private EntraSignIn CreateSignIn()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddKeyedSingleton<global::Azure.Core.TokenCredential>(EntraSignIn.ServiceKey, _credential);
        services.AddAzureEntraSignIn(Configuration());
        services.AddHttpClient(EntraSignIn.HttpClientName).ConfigurePrimaryHttpMessageHandler(Stub.CreateHandler);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return Assert.IsType<EntraSignIn>(_provider.GetRequiredService<IEntraSignIn>());
    }
}
