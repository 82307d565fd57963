using System.Net;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Api.Tests.Identity;

public sealed class RegistrationTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private HttpClient _manager = null!;

    public async Task InitializeAsync()
    {
        await factory.ImportUnitsAsync(factory.BuildingId, "201", "202", "203", "301", "302", "504", "505", "506", "PH1");

        _manager = await factory.SignInStaffAsync(await factory.CreateStaffAsync(factory.BuildingId, Role.Manager));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Register_WithValidCode_AdmitsAsResidentOfTheUnit()
    {
        var code = await PortalSession.IssueCodeAsync(_manager, factory.BuildingId, "504");
        using var anonymous = factory.CreatePortalClient();

        var response = await anonymous.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "504", "zoe.code@example.test", code.ToLowerInvariant().Replace("-", " ")));

        var body = await response.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("check-inbox", body.GetProperty("next").GetString());
        Assert.False(body.GetProperty("approvalRequired").GetBoolean());
        var account = await factory.AccountAsync("zoe.code@example.test");
        Assert.NotNull(account);
        Assert.False(account.EmailVerified);
        var memberships = await factory.Store().ReadAsync<UserMemberships>(Containers.Users, account.UserId, UserMemberships.DocumentId, default);
        var membership = Assert.Single(memberships!.Value.Items);
        Assert.Equal(("504", Role.Resident, false), (membership.UnitId, membership.Role, membership.OwnerConfirmed));

        var codes = await (await _manager.GetAsync($"/api/buildings/{factory.BuildingId}/units/504/registration-codes")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(codes.EnumerateArray(), c => c.GetProperty("uses").GetInt32() == 1);
    }

    [Fact]
    public async Task Register_BeforeVerification_SignInAnswersEmailUnverifiedAndDataUnreachable()
    {
        var code = await PortalSession.IssueCodeAsync(_manager, factory.BuildingId, "505");
        using var client = factory.CreatePortalClient();
        await (await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "505", "unverified@example.test", code))).JsonAsync(HttpStatusCode.Accepted);

        var signIn = await client.PostJsonAsync("/api/auth/sign-in", new { email = "unverified@example.test", password = PortalSession.StrongPassword });

        await signIn.ProblemAsync(HttpStatusCode.Forbidden, "email-unverified");
        Assert.False(signIn.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Register_UnknownUnit_FieldErrorInTheCallersLanguage()
    {
        using var client = factory.CreatePortalClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-CA");

        var english = await (await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "999", "nobody@example.test"))).ProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.StartsWith("No unit has this number", english.GetProperty("errors").GetProperty("unitNumber").GetString(), StringComparison.Ordinal);

        using var french = factory.CreatePortalClient();
        var problem = await (await french.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "999", "nobody@example.test"))).ProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.StartsWith("Aucune unité ne porte ce numéro", problem.GetProperty("errors").GetProperty("unitNumber").GetString(), StringComparison.Ordinal);
        Assert.Null(await factory.AccountAsync("nobody@example.test"));
    }

    [Fact]
    public async Task Register_WrongUsedOrRevokedCode_EachHasItsOwnAnswerAndNothingIsWritten()
    {
        using var client = factory.CreatePortalClient();
        var wrong = await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "506", "wrong.code@example.test", "AAAA-BBBB-CCCC"));
        await wrong.ProblemAsync(HttpStatusCode.BadRequest, "registration-code-invalid");

        var once = await PortalSession.IssueCodeAsync(_manager, factory.BuildingId, "506", maxUses: 1);
        await (await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "506", "first.user@example.test", once))).JsonAsync(HttpStatusCode.Accepted);
        var used = await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "506", "second.user@example.test", once));
        await used.ProblemAsync(HttpStatusCode.BadRequest, "registration-code-used");

        var revokedCode = await (await _manager.PostJsonAsync($"/api/buildings/{factory.BuildingId}/units/506/registration-codes", new { })).JsonAsync(HttpStatusCode.Created);
        await (await _manager.PostAsync($"/api/buildings/{factory.BuildingId}/units/506/registration-codes/{revokedCode.GetProperty("id").GetString()}/revoke")).JsonAsync(HttpStatusCode.NoContent);
        var revoked = await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "506", "third.user@example.test", revokedCode.GetProperty("code").GetString()));
        await revoked.ProblemAsync(HttpStatusCode.BadRequest, "registration-code-revoked");

        Assert.Null(await factory.AccountAsync("wrong.code@example.test"));
        Assert.Null(await factory.AccountAsync("second.user@example.test"));
        Assert.Null(await factory.AccountAsync("third.user@example.test"));
        var claim = await factory.Store().ReadAsync<EmailClaim>(Containers.Lookups, EmailClaim.IdFor("second.user@example.test"), EmailClaim.IdFor("second.user@example.test"), default);
        Assert.Null(claim);
    }

    [Fact]
    public async Task Register_ExistingEmail_SameAnswerAndNoSecondAccount()
    {
        var code = await PortalSession.IssueCodeAsync(_manager, factory.BuildingId, "301");
        using var client = factory.CreatePortalClient();
        var first = await (await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "301", "taken@example.test", code))).JsonAsync(HttpStatusCode.Accepted);
        var original = await factory.AccountAsync("taken@example.test");

        var second = await (await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "301", "TAKEN@example.test", code))).JsonAsync(HttpStatusCode.Accepted);

        Assert.Equal(first.ToString(), second.ToString());
        Assert.Equal(original!.UserId, (await factory.AccountAsync("taken@example.test"))!.UserId);
        var events = await factory.Store().QueryAllAsync<Core.Events.EventDocument>(EventsOfUser, original.UserId, new QueryArgs(), default);
        Assert.Contains(events, e => e.Kind == IdentityEvents.RegistrationAttempted);
    }

    [Fact]
    public async Task Register_WeakPasswordOrTermsRefused_FieldErrors()
    {
        using var client = factory.CreatePortalClient();
        var weak = await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "302", "weak@example.test", password: "password1234"));
        var problem = await weak.ProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));

        var body = new Dictionary<string, object?>
        {
            ["buildingId"] = factory.BuildingId, ["unitNumber"] = "302", ["fullName"] = "A B", ["email"] = "terms@example.test",
            ["password"] = PortalSession.StrongPassword, ["language"] = "fr", ["relationship"] = "tenant", ["acceptTerms"] = false, ["acceptPrivacy"] = false,
            ["termsVersion"] = "2026-11", ["privacyVersion"] = "2026-11",
        };
        var terms = await (await client.PostJsonAsync("/api/registrations", body)).ProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(terms.GetProperty("errors").TryGetProperty("acceptTerms", out _));
        Assert.True(terms.GetProperty("errors").TryGetProperty("acceptPrivacy", out _));
    }

    [Fact]
    public async Task Register_WithoutCode_WaitsForApprovalThenManagerApproves()
    {
        using var client = factory.CreatePortalClient();
        var accepted = await (await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "PH1", "pending@example.test"))).JsonAsync(HttpStatusCode.Accepted);
        Assert.True(accepted.GetProperty("approvalRequired").GetBoolean());
        using var resident = await factory.VerifyAndSignInAsync("pending@example.test");
        var me = await (await resident.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(me.GetProperty("memberships").EnumerateArray());
        Assert.Single(me.GetProperty("pendingRegistrations").EnumerateArray());

        var waiting = await (await _manager.GetAsync($"/api/buildings/{factory.BuildingId}/registrations?status=pending")).JsonAsync(HttpStatusCode.OK);
        var registration = Assert.Single(waiting.EnumerateArray(), r => r.GetProperty("email").GetString() == "pending@example.test");
        Assert.True(registration.GetProperty("emailVerified").GetBoolean());
        var id = registration.GetProperty("id").GetString();
        await (await _manager.PostJsonAsync($"/api/buildings/{factory.BuildingId}/registrations/{id}/approve", new { confirmOwner = true })).JsonAsync(HttpStatusCode.OK);

        // Applies within the 5 s membership cache; this instance forgot its copy at once.
        var after = await (await resident.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        var membership = Assert.Single(after.GetProperty("memberships").EnumerateArray());
        Assert.Equal("PH1", membership.GetProperty("unitId").GetString());
        Assert.True(membership.GetProperty("ownerConfirmed").GetBoolean());
        Assert.Empty(after.GetProperty("pendingRegistrations").EnumerateArray());
        var again = await _manager.PostJsonAsync($"/api/buildings/{factory.BuildingId}/registrations/{id}/approve", new { confirmOwner = false });
        await again.ProblemAsync(HttpStatusCode.Conflict, "registration-decided");
    }

    [Fact]
    public async Task Reject_RequiresAReasonAndRecordsIt()
    {
        using var client = factory.CreatePortalClient();
        await (await client.PostJsonAsync("/api/registrations", PortalSession.Registration(factory.BuildingId, "203", "refused@example.test"))).JsonAsync(HttpStatusCode.Accepted);
        var waiting = await (await _manager.GetAsync($"/api/buildings/{factory.BuildingId}/registrations")).JsonAsync(HttpStatusCode.OK);
        var id = Assert.Single(waiting.EnumerateArray(), r => r.GetProperty("email").GetString() == "refused@example.test").GetProperty("id").GetString();

        await (await _manager.PostJsonAsync($"/api/buildings/{factory.BuildingId}/registrations/{id}/reject", new { reason = " " })).ProblemAsync(HttpStatusCode.BadRequest, "validation");
        var rejected = await (await _manager.PostJsonAsync($"/api/buildings/{factory.BuildingId}/registrations/{id}/reject", new { reason = "Personne inconnue à cette adresse." })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        var stored = await factory.Store().ReadAsync<Core.Registrations.RegistrationDocument>(Containers.Buildings, factory.BuildingId, Core.Registrations.RegistrationDocument.IdFor(id!), default);
        Assert.Equal("Personne inconnue à cette adresse.", stored!.Value.RejectionReason);
    }

    private static readonly QuerySpec EventsOfUser = new("test-events-of-user", Containers.Users, Core.Events.EventDocument.DocumentType, []);
}
