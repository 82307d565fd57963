using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Staff;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>
/// Issue 2, B6: an unknown unit, a wrong, used, revoked or expired registration code, an expired or
/// already used link, a staff invitation link expired, revoked or already used — each has its own answer in the person's language, and nothing is written; the
/// guesses behind them are throttled per unit (whatever the address) and per address (whatever the
/// account), with a 429 that says how long to wait. Counters live in the store, so both hosts spend the
/// same budget: the requests alternate between them.
/// </summary>
[Collection(AuthorizationCollection.Name)]
public sealed class RefusalAndThrottlingTests(MatrixWorld world)
{
    public static TheoryData<string> Hosts => new() { "self-host", "functions" };

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Register_UnknownUnitOrUnusableCode_OwnAnswerInTheirLanguageAndNothingWritten(string host)
    {
        var home = world.HomeBuilding;
        var codes = world.Service<RegistrationCodeService>();
        var manager = world.Callers[CallerKind.Manager].UserId!;
        var usedUnit = world.NextRegistrationUnit();
        var used = await codes.IssueAsync(home, usedUnit, 1, 30, manager, default);
        await world.Service<RegistrationService>().RegisterAsync(new RegisterResident(home, usedUnit, used.Code, "Léa Roy", world.NewEmail("premiere"), PortalSession.StrongPassword, Language.Fr, Relationship.Tenant, Core.Legal.LegalDocuments.CurrentVersion, Core.Legal.LegalDocuments.CurrentVersion), default);
        var revokedUnit = world.NextRegistrationUnit();
        var revoked = await codes.IssueAsync(home, revokedUnit, 4, 30, manager, default);
        await codes.RevokeAsync(home, revokedUnit, revoked.Document.CodeId, manager, default);
        var expiredUnit = world.NextRegistrationUnit();
        var expired = await ExpiredCodeAsync(expiredUnit);
        var attempts = new (string Unit, string? Code, string ProblemCode, string Field, LocalizedText Message)[]
        {
            ("999", null, "validation", "unitNumber", RegistrationTexts.UnknownUnit),
            (world.NextRegistrationUnit(), "AAAA-BBBB-CCCC", "registration-code-invalid", "registrationCode", RegistrationTexts.CodeInvalid),
            (usedUnit, used.Code, "registration-code-used", "registrationCode", RegistrationTexts.CodeUsed),
            (revokedUnit, revoked.Code, "registration-code-revoked", "registrationCode", RegistrationTexts.CodeRevoked),
            (expiredUnit, expired, "registration-code-expired", "registrationCode", RegistrationTexts.CodeExpired),
        };
        await world.SettleAsync();
        var before = await StoreSnapshot.TakeAsync(world.Factory.DataFolder);

        foreach (var (attempt, index) in attempts.Select((a, i) => (a, i)))
        {
            var language = index % 2 == 0 ? Language.Fr : Language.En;
            var email = world.NewEmail("refus");
            var request = ApiRequest.PostJson("/api/registrations", PortalSession.Registration(home, attempt.Unit, email, attempt.Code, language: language.Code())) with
            {
                ClientAddress = Address(),
                AcceptLanguage = language == Language.En ? "en-CA" : "fr-CA",
            };

            var response = await world.Host(host).SendAsync(request);

            var problem = BadInputTests.AssertProblem(response, 400, attempt.ProblemCode, language);
            Assert.Equal(attempt.Message.In(language), problem.GetProperty("errors").GetProperty(attempt.Field).GetString());
            Assert.Null(await world.Service<Accounts>().FindByEmailAsync(email, default));
        }

        await world.SettleAsync();
        Assert.Empty((await StoreSnapshot.TakeAsync(world.Factory.DataFolder)).ChangesSince(before));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Links_ExpiredOrAlreadyUsed_OwnAnswerAndNothingWritten(string host)
    {
        var resident = world.Callers[CallerKind.ResidentB];
        var issuer = world.Service<VerificationIssuer>();
        var past = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        var expiredVerify = await issuer.IssueLinkAsync(LinkPurpose.VerifyEmail, resident.UserId, null, past, default);
        var expiredReset = await issuer.IssueLinkAsync(LinkPurpose.ResetPassword, resident.UserId, null, past, default);
        var resetLink = (await issuer.IssuePasswordResetAsync(resident.UserId!, default)).LinkToken;
        var newPassword = world.NewPassword();
        var first = await world.Host(host).SendAsync(ApiRequest.PostJson("/api/auth/password/reset", new { token = resetLink, newPassword }) with { ClientAddress = Address() });
        Assert.True(first.Status == 204, first.ToString());
        (resident.Password, resident.MainSessionEnded) = (newPassword, true);
        await world.SettleAsync();
        var before = await StoreSnapshot.TakeAsync(world.Factory.DataFolder);

        var verify = await world.Host(host).SendAsync(ApiRequest.PostJson("/api/auth/verify-email", new { token = expiredVerify }) with { ClientAddress = Address() });
        var reset = await world.Host(host).SendAsync(ApiRequest.PostJson("/api/auth/password/reset", new { token = expiredReset, newPassword = world.NewPassword() }) with { ClientAddress = Address(), AcceptLanguage = "en" });
        var reused = await world.Host(host).SendAsync(ApiRequest.PostJson("/api/auth/password/reset", new { token = resetLink, newPassword = world.NewPassword() }) with { ClientAddress = Address() });

        Assert.Equal(IdentityTexts.VerificationExpired.Fr, BadInputTests.AssertProblem(verify, 410, "verification-expired", Language.Fr).GetProperty("title").GetString());
        Assert.Equal(IdentityTexts.VerificationExpired.En, BadInputTests.AssertProblem(reset, 410, "verification-expired", Language.En).GetProperty("title").GetString());
        BadInputTests.AssertProblem(reused, 400, "verification-invalid", Language.Fr);
        await world.SettleAsync();
        Assert.Empty((await StoreSnapshot.TakeAsync(world.Factory.DataFolder)).ChangesSince(before));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task InvitationLinks_ExpiredRevokedOrUsed_OwnAnswerInTheirLanguageAndNothingWritten(string host)
    {
        var home = world.HomeBuilding;
        var expired = await InvitationTokenAsync(world.NewEmail("expiree"));
        var stored = await world.Service<IDocumentStore>().ReadAsync<StaffInvitationDocument>(Containers.Buildings, home, StaffInvitationDocument.IdFor(expired.InvitationId), default);
        await world.Service<IDocumentStore>().ReplaceAsync(Containers.Buildings, home, stored!.Value.Id, stored.Value with { ExpiresAt = TimeProvider.System.GetUtcNow().AddMinutes(-1) }, stored.ETag, default);
        var revoked = await InvitationTokenAsync(world.NewEmail("revoquee"));
        await world.Service<StaffService>().RevokeInvitationAsync(home, revoked.InvitationId, world.Callers[CallerKind.Admin].UserId!, default);

        // An existing staff account (another building's) accepts with the token alone; the link then works no more.
        var elsewhere = await world.Factory.CreateStaffAsync(MatrixWorld.OtherBuilding, Core.Access.Role.FrontDesk);
        // Staff of both buildings once accepted: its ids are the home administrator's to see (and nobody else's).
        world.Ids.Add(elsewhere.UserId, IdKind.Staff, home, elsewhere.UserId);
        world.Ids.Add(elsewhere.Email, IdKind.Staff, home, elsewhere.UserId);
        var used = await InvitationTokenAsync(elsewhere.Email);
        var accepted = await world.Host(host).SendAsync(ApiRequest.PostJson("/api/invitations/accept", new { token = used.Token }) with { ClientAddress = Address() });
        Assert.True(accepted.Status == 200, accepted.ToString());
        Assert.Equal("membership-added", accepted.Json().GetProperty("status").GetString());
        await world.SettleAsync();
        var before = await StoreSnapshot.TakeAsync(world.Factory.DataFolder);

        var expiredInspect = await world.Host(host).SendAsync(ApiRequest.PostJson("/api/invitations/inspect", new { token = expired.Token }) with { ClientAddress = Address() });
        var expiredAccept = await world.Host(host).SendAsync(ApiRequest.PostJson("/api/invitations/accept", new { token = expired.Token, fullName = "Léa Expirée", password = PortalSession.StrongPassword }) with { ClientAddress = Address(), AcceptLanguage = "en" });
        var revokedInspect = await world.Host(host).SendAsync(ApiRequest.PostJson("/api/invitations/inspect", new { token = revoked.Token }) with { ClientAddress = Address() });
        var usedAgain = await world.Host(host).SendAsync(ApiRequest.PostJson("/api/invitations/accept", new { token = used.Token }) with { ClientAddress = Address(), AcceptLanguage = "en" });
        var usedTotp = await world.Host(host).SendAsync(ApiRequest.PostJson("/api/invitations/accept/totp", new { token = used.Token, code = "123456" }) with { ClientAddress = Address() });

        Assert.Equal(StaffTexts.InvitationExpired.Fr, BadInputTests.AssertProblem(expiredInspect, 410, "invitation-expired", Language.Fr).GetProperty("title").GetString());
        Assert.Equal(StaffTexts.InvitationExpired.En, BadInputTests.AssertProblem(expiredAccept, 410, "invitation-expired", Language.En).GetProperty("title").GetString());
        Assert.Equal(StaffTexts.InvitationInvalid.Fr, BadInputTests.AssertProblem(revokedInspect, 400, "invitation-invalid", Language.Fr).GetProperty("title").GetString());
        Assert.Equal(StaffTexts.InvitationInvalid.En, BadInputTests.AssertProblem(usedAgain, 400, "invitation-invalid", Language.En).GetProperty("title").GetString());
        BadInputTests.AssertProblem(usedTotp, 400, "invitation-invalid", Language.Fr);
        await world.SettleAsync();
        Assert.Empty((await StoreSnapshot.TakeAsync(world.Factory.DataFolder)).ChangesSince(before));
    }

    [Fact]
    public async Task Invitation_GuessingTokensFromOneAddress_ThrottledOthersNot()
    {
        var address = Address();
        var guess = ApiRequest.PostJson("/api/invitations/inspect", new { token = "DevinetteDevinetteDevinetteDevinetteDevinet" }) with { ClientAddress = address };
        await world.SettleAsync();
        var before = await StoreSnapshot.TakeAsync(world.Factory.DataFolder);
        for (var attempt = 1; attempt <= 30; attempt++)
        {
            BadInputTests.AssertProblem(await Host(attempt).SendAsync(guess), 400, "invitation-invalid", Language.Fr);
        }

        AssertThrottled(await Host(0).SendAsync(guess), TimeSpan.FromMinutes(10));
        AssertThrottled(await Host(1).SendAsync(ApiRequest.PostJson("/api/invitations/accept/totp", new { token = "DevinetteDevinetteDevinetteDevinetteDevinet", code = "123456" }) with { ClientAddress = address }), TimeSpan.FromMinutes(10));
        BadInputTests.AssertProblem(await Host(1).SendAsync(guess with { ClientAddress = Address() }), 400, "invitation-invalid", Language.Fr);
        await world.SettleAsync();
        Assert.Empty((await StoreSnapshot.TakeAsync(world.Factory.DataFolder)).ChangesSince(before));
    }

    [Fact]
    public async Task Register_GuessingOneUnitsCode_ThrottledPerUnitWhateverTheAddress()
    {
        var unit = world.ReserveRegistrationUnit();
        var other = world.NextRegistrationUnit();
        await world.SettleAsync();
        var before = await StoreSnapshot.TakeAsync(world.Factory.DataFolder);

        for (var attempt = 1; attempt <= RegistrationService.UnitAttemptsPerHour; attempt++)
        {
            var response = await Host(attempt).SendAsync(RegistrationCodeGuess(unit));
            BadInputTests.AssertProblem(response, 400, "registration-code-invalid", Language.Fr);
        }

        var throttled = await Host(0).SendAsync(RegistrationCodeGuess(unit));
        var elsewhere = await Host(1).SendAsync(RegistrationCodeGuess(other));

        AssertThrottled(throttled, TimeSpan.FromHours(1));
        BadInputTests.AssertProblem(elsewhere, 400, "registration-code-invalid", Language.Fr);
        await world.SettleAsync();
        Assert.Empty((await StoreSnapshot.TakeAsync(world.Factory.DataFolder)).ChangesSince(before));
    }

    [Fact]
    public async Task EmailSendingRoute_OneAddressOverItsBudget_ThrottledOthersNot()
    {
        var address = Address();
        var forgot = ApiRequest.PostJson("/api/auth/password/forgot", new { email = "quelquun@example.test" }) with { ClientAddress = address };
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            Assert.Equal(202, (await Host(attempt).SendAsync(forgot)).Status);
        }

        var throttled = await Host(0).SendAsync(forgot);
        var otherAddress = await Host(1).SendAsync(forgot with { ClientAddress = Address() });

        AssertThrottled(throttled, TimeSpan.FromMinutes(10));
        Assert.Equal(202, otherAddress.Status);
    }

    [Fact]
    public async Task Register_OneAddressOverItsBudget_ThrottledBeforeTheBodyIsRead()
    {
        var address = Address();
        var malformed = ApiRequest.Post("/api/registrations").WithRawBody("application/json", "{"u8.ToArray()) with { ClientAddress = address };
        await world.SettleAsync();
        var before = await StoreSnapshot.TakeAsync(world.Factory.DataFolder);
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            BadInputTests.AssertProblem(await Host(attempt).SendAsync(malformed), 400, "malformed-body", Language.Fr);
        }

        AssertThrottled(await Host(0).SendAsync(malformed), TimeSpan.FromHours(1));
        await world.SettleAsync();
        Assert.Empty((await StoreSnapshot.TakeAsync(world.Factory.DataFolder)).ChangesSince(before));
    }

    private static void AssertThrottled(ApiResponse response, TimeSpan window)
    {
        var problem = BadInputTests.AssertProblem(response, 429, "throttled", Language.Fr);
        var retryAfter = int.Parse(response.Header("Retry-After")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, (int)window.TotalSeconds);
        Assert.Equal(retryAfter, problem.GetProperty("retryAfterSeconds").GetInt32());
    }

    private IApiHost Host(int attempt) => attempt % 2 == 0 ? world.SelfHost : world.Functions;

    /// <summary>A registration with a made-up code for the unit, from an address of its own.</summary>
    private ApiRequest RegistrationCodeGuess(string unit) =>
        ApiRequest.PostJson("/api/registrations", PortalSession.Registration(world.HomeBuilding, unit, world.NewEmail("devine"), "ZZZZ-ZZZZ-ZZZZ")) with { ClientAddress = Address() };

    private string Address() => $"2001:db8:1::{world.Next():x}";

    /// <summary>A pending invitation of the home building and the token of the link its email carries.</summary>
    private async Task<(string InvitationId, string Token)> InvitationTokenAsync(string email)
    {
        var invitationId = await world.InvitationAsync(world.HomeBuilding, email);
        await world.SettleAsync();
        var (_, token) = Outbox.InvitationLink(await world.Factory.WaitForAsync(email, "Invitation"));
        return (invitationId, token);
    }

    /// <summary>A code whose expiry has passed: issued, then its expiry moved into the past in the store.</summary>
    private async Task<string> ExpiredCodeAsync(string unit)
    {
        var store = world.Service<IDocumentStore>();
        var issued = await world.Service<RegistrationCodeService>().IssueAsync(world.HomeBuilding, unit, 4, 1, world.Callers[CallerKind.Manager].UserId!, default);
        var stored = await store.ReadAsync<RegistrationCodeDocument>(Containers.Buildings, world.HomeBuilding, issued.Document.Id, default);
        await store.ReplaceAsync(Containers.Buildings, world.HomeBuilding, issued.Document.Id, stored!.Value with { ExpiresAt = TimeProvider.System.GetUtcNow().AddMinutes(-1) }, stored.ETag, default);
        return issued.Code;
    }
}
