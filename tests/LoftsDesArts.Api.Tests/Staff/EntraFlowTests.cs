using System.Net;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Identity;
using LoftsDesArts.Testing.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoftsDesArts.Api.Tests.Staff;

/// <summary>
/// The self-host with the Azure <see cref="EntraSignIn"/> registered as in the Functions app, against the
/// Entra ID stub: the routes and the pipeline are the shared ones, so this is the Azure sign-in flow
/// end to end (only the browser's trip to Microsoft's sign-in page is played by the test).
/// </summary>
public sealed class EntraPortalFactory : PortalFactory, IAsyncLifetime
{
    public EntraStub Stub { get; private set; } = null!;

    public StubAssertionCredential Credential { get; } = new();

    public async Task InitializeAsync() => Stub = await EntraStub.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Stub.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            [
                new("Entra:Instance", Stub.Instance.ToString()),
                new("Entra:TenantId", EntraStub.TenantId),
                new("Entra:ClientId", EntraStub.ClientId),
            ]).Build();
            services.AddKeyedSingleton<global::Azure.Core.TokenCredential>(EntraSignIn.ServiceKey, Credential);
            services.AddAzureEntraSignIn(configuration);
            services.AddHttpClient(EntraSignIn.HttpClientName).ConfigurePrimaryHttpMessageHandler(Stub.CreateHandler);
        });
    }
}

public sealed class EntraFlowTests(EntraPortalFactory factory) : IClassFixture<EntraPortalFactory>
{
    private EntraStub Stub => factory.Stub;

    [Fact]
    public async Task SignIn_LinkedStaff_StartThenCallback_SessionCookiesAndBackToReturnTo()
    {
        var objectId = Guid.NewGuid().ToString();
        await CreateEntraStaffAsync(objectId, Role.FrontDesk);
        using var browser = factory.CreatePortalClient(csrfHeaders: false);

        var start = await browser.GetAsync("/api/auth/entra/start?returnTo=%2Ffr%2Fconsole%2Funites");

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var flowCookie = Assert.Single(start.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-lda-entra=", StringComparison.Ordinal));
        Assert.Contains("httponly", flowCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", flowCookie, StringComparison.OrdinalIgnoreCase);
        var authorize = EntraAuthorizeRequest.Parse(start.Headers.Location!);
        Assert.Equal(Stub.Instance.GetLeftPart(UriPartial.Authority), start.Headers.Location!.GetLeftPart(UriPartial.Authority));
        Assert.Equal("https://localhost/api/auth/entra/callback", authorize.RedirectUri);

        var callback = await CallbackAsync(browser, authorize, objectId);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/fr/console/unites", callback.Headers.Location!.OriginalString);
        var cookies = callback.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("__Host-lda-at=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("__Host-lda-rt=", StringComparison.Ordinal));
        var me = await (await browser.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("staff", me.GetProperty("kind").GetString());
        Assert.Equal("frontDesk", Assert.Single(me.GetProperty("memberships").EnumerateArray()).GetProperty("role").GetString());

        // What reached the token endpoint: this flow's verifier and the managed identity's assertion.
        var form = Stub.TokenRequests[^1].Form;
        Assert.Equal(EntraStub.Assertion, form["client_assertion"]);
        Assert.Equal(authorize.RedirectUri, form["redirect_uri"]);
    }

    [Fact]
    public async Task SignIn_MicrosoftAccountNotLinked_403NotStaffWithoutSession()
    {
        using var browser = factory.CreatePortalClient(csrfHeaders: false);
        var start = await browser.GetAsync("/api/auth/entra/start");
        var authorize = EntraAuthorizeRequest.Parse(start.Headers.Location!);

        var callback = await CallbackAsync(browser, authorize, Guid.NewGuid().ToString());

        var problem = await callback.ProblemAsync(HttpStatusCode.Forbidden, "entra-not-staff");
        Assert.StartsWith("Ce compte Microsoft n'a pas accès", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(callback.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("__Host-lda-at=", StringComparison.Ordinal));
        await (await browser.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task SignIn_LinkedButRemovedFromEveryBuilding_403NotStaff()
    {
        var objectId = Guid.NewGuid().ToString();
        var account = await CreateEntraStaffAsync(objectId, Role.Manager);
        await Memberships.ChangeAsync(factory.Store(), account.UserId, m => m with { Items = [] }, default);
        using var browser = factory.CreatePortalClient(csrfHeaders: false);
        var authorize = EntraAuthorizeRequest.Parse((await browser.GetAsync("/api/auth/entra/start")).Headers.Location!);

        await (await CallbackAsync(browser, authorize, objectId)).ProblemAsync(HttpStatusCode.Forbidden, "entra-not-staff");
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("javascript:alert(1)")]
    public async Task SignIn_ReturnToOffSite_IgnoredForTheConsole(string returnTo)
    {
        var objectId = Guid.NewGuid().ToString();
        await CreateEntraStaffAsync(objectId, Role.Manager);
        using var browser = factory.CreatePortalClient(csrfHeaders: false);
        var start = await browser.GetAsync("/api/auth/entra/start?returnTo=" + Uri.EscapeDataString(returnTo));

        var callback = await CallbackAsync(browser, EntraAuthorizeRequest.Parse(start.Headers.Location!), objectId);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/console", callback.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Callback_StateOfAnotherFlowOrNoFlowCookie_Refused()
    {
        var objectId = Guid.NewGuid().ToString();
        await CreateEntraStaffAsync(objectId, Role.Manager);
        using var browser = factory.CreatePortalClient(csrfHeaders: false);
        var authorize = EntraAuthorizeRequest.Parse((await browser.GetAsync("/api/auth/entra/start")).Headers.Location!);
        var code = Stub.IssueCode(authorize, Stub.CreateIdToken(objectId, authorize.Nonce, TimeProvider.System.GetUtcNow()));

        await (await browser.GetAsync($"/api/auth/entra/callback?code={code}&state=forged")).ProblemAsync(HttpStatusCode.BadRequest, "entra-failed");

        using var other = factory.CreatePortalClient(csrfHeaders: false);
        await (await other.GetAsync($"/api/auth/entra/callback?code={code}&state={Uri.EscapeDataString(authorize.State)}")).ProblemAsync(HttpStatusCode.BadRequest, "entra-failed");
    }

    [Fact]
    public async Task Callback_IdTokenForAnotherFlowsNonce_Refused()
    {
        var objectId = Guid.NewGuid().ToString();
        await CreateEntraStaffAsync(objectId, Role.Manager);
        using var browser = factory.CreatePortalClient(csrfHeaders: false);
        var authorize = EntraAuthorizeRequest.Parse((await browser.GetAsync("/api/auth/entra/start")).Headers.Location!);
        var code = Stub.IssueCode(authorize, Stub.CreateIdToken(objectId, "replayed-nonce", TimeProvider.System.GetUtcNow()));

        var callback = await browser.GetAsync($"/api/auth/entra/callback?code={code}&state={Uri.EscapeDataString(authorize.State)}");

        await callback.ProblemAsync(HttpStatusCode.BadRequest, "entra-failed");
        await (await browser.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Invitation_AcceptedWithMicrosoft_CreatesTheLinkAndAccount_LaterSignInFindsTheLink()
    {
        var token = await InviteAsync("camille.entra@example.test", "manager");
        var objectId = Guid.NewGuid().ToString();
        using var browser = factory.CreatePortalClient(csrfHeaders: false);

        var start = await browser.GetAsync("/api/auth/entra/start?returnTo=%2Ffr%2Fconsole&invitation=" + Uri.EscapeDataString(token));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.DoesNotContain(token, string.Join(";", start.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        var callback = await CallbackAsync(browser, EntraAuthorizeRequest.Parse(start.Headers.Location!), objectId);

        Assert.Equal("/fr/console", callback.Headers.Location!.OriginalString);
        var me = await (await browser.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("camille.entra@example.test", "staff", false), (me.GetProperty("email").GetString(), me.GetProperty("kind").GetString(), me.GetProperty("totpEnabled").GetBoolean()));
        Assert.Equal("manager", Assert.Single(me.GetProperty("memberships").EnumerateArray()).GetProperty("role").GetString());
        var linkId = EntraLink.IdFor(EntraStub.TenantId, objectId);
        var link = await factory.Store().ReadAsync<EntraLink>(Containers.Lookups, linkId, linkId, default);
        Assert.Equal(me.GetProperty("userId").GetString(), link!.Value.UserId);
        var account = await factory.AccountAsync("camille.entra@example.test");
        Assert.Null(account!.PasswordHash);
        Assert.Equal((EntraStub.TenantId, objectId), (account.EntraTenantId, account.EntraObjectId));
        using var anonymous = factory.CreatePortalClient();
        await (await anonymous.PostJsonAsync("/api/invitations/inspect", new { token })).ProblemAsync(HttpStatusCode.BadRequest, "invitation-invalid");

        // Another day, another browser: the ordinary sign-in finds the link.
        using var later = factory.CreatePortalClient(csrfHeaders: false);
        var again = await CallbackAsync(later, EntraAuthorizeRequest.Parse((await later.GetAsync("/api/auth/entra/start")).Headers.Location!), objectId);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(me.GetProperty("userId").GetString(), (await (await later.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK)).GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Invitation_WithMicrosoft_ExistingStaffAccountOfTheAddress_LinkedToIt()
    {
        await factory.AddBuildingAsync("b-entra", "Immeuble Entra");
        var existing = await factory.CreateStaffAsync("b-entra", Role.FrontDesk, "deja.personnel@example.test");
        var token = await InviteAsync("deja.personnel@example.test", "board");
        var objectId = Guid.NewGuid().ToString();
        using var browser = factory.CreatePortalClient(csrfHeaders: false);
        var start = await browser.GetAsync("/api/auth/entra/start?invitation=" + Uri.EscapeDataString(token));

        await CallbackAsync(browser, EntraAuthorizeRequest.Parse(start.Headers.Location!), objectId);

        var me = await (await browser.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(existing.UserId, me.GetProperty("userId").GetString());
        Assert.Equal(["b-entra:frontDesk", $"{factory.BuildingId}:board"], me.GetProperty("memberships").EnumerateArray().Select(m => $"{m.GetProperty("buildingId").GetString()}:{m.GetProperty("role").GetString()}").Order(StringComparer.Ordinal));
        Assert.Equal(objectId, (await factory.AccountAsync("deja.personnel@example.test"))!.EntraObjectId);
    }

    [Fact]
    public async Task Invitation_WithMicrosoft_SpentLinkRefusedBeforeTheTripToMicrosoft()
    {
        using var browser = factory.CreatePortalClient(csrfHeaders: false);

        var start = await browser.GetAsync("/api/auth/entra/start?invitation=not-a-real-invitation-token");

        await start.ProblemAsync(HttpStatusCode.BadRequest, "invitation-invalid");
    }

    private async Task<UserAccount> CreateEntraStaffAsync(string objectId, Role role) =>
        await factory.Services.GetRequiredService<StaffAccounts>().CreateForEntraAsync(
            $"entra.{objectId[..8]}@example.test", "Camille Gagnon", Language.Fr, new EntraIdentity(EntraStub.TenantId, objectId, "Camille Gagnon", null), factory.BuildingId, role, default);

    /// <summary>What Microsoft does after the person signs in: redirect back with a code for this flow.</summary>
    private Task<HttpResponseMessage> CallbackAsync(HttpClient browser, EntraAuthorizeRequest authorize, string objectId)
    {
        var code = Stub.IssueCode(authorize, Stub.CreateIdToken(objectId, authorize.Nonce, TimeProvider.System.GetUtcNow()));
        return browser.GetAsync($"/api/auth/entra/callback?code={code}&state={Uri.EscapeDataString(authorize.State)}");
    }

    private async Task<string> InviteAsync(string email, string role)
    {
        using var admin = await factory.SignInStaffAsync(await factory.CreateStaffAsync(factory.BuildingId, Role.Admin));
        await (await admin.PostJsonAsync($"/api/buildings/{factory.BuildingId}/staff/invitations", new { email, fullName = "Camille Gagnon", role })).JsonAsync(HttpStatusCode.Created);
        return Outbox.InvitationLink(await factory.WaitForAsync(email, "Invitation")).Token;
    }
}

/// <summary>Where no Entra tenant is configured (the self-host's default), the Microsoft routes say so.</summary>
public sealed class EntraNotConfiguredTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Start_NotConfigured_404()
    {
        using var browser = factory.CreatePortalClient(csrfHeaders: false);

        await (await browser.GetAsync("/api/auth/entra/start?invitation=whatever")).ProblemAsync(HttpStatusCode.NotFound, "entra-not-configured");
        var options = await (await browser.GetAsync("/api/public/auth-options")).JsonAsync(HttpStatusCode.OK);
        Assert.False(options.GetProperty("entra").GetBoolean());
    }
}
