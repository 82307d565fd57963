using System.Net;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Staff;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Http.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>
/// Two buildings with units, a caller of every kind signed in through the API (staff with their TOTP,
/// residents by verifying their address with a code from the verification issuer, as the email carries
/// it), a victim whose session others try to end, and the targets that denied callers must leave as they
/// are. Shared by the authorization test classes (one collection, so they run one after the other).
/// </summary>
public sealed class MatrixWorld : IAsyncLifetime, IDisposable
{
    public const string OtherBuilding = "immeuble-sherbrooke";

    private const string SetupAddress = "198.51.100.1";
    private static readonly string[] RegistrationUnits = [.. Enumerable.Range(201, 16).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>A unit no registration of the run uses, so its hourly budget is whole for the test that spends it.</summary>
    private const string ThrottledUnit = "299";
    private bool _throttledUnitTaken;
    private readonly Dictionary<string, int> _unitRegistrations = new(StringComparer.Ordinal);
    private readonly Lock _counterLock = new();
    private int _counter;

    public MatrixPortalFactory Factory { get; } = new();

    public string HomeBuilding => MatrixPortalFactory.HomeBuilding;

    public IdRegistry Ids { get; } = new();

    public IReadOnlyDictionary<CallerKind, Caller> Callers { get; private set; } = null!;

    /// <summary>A resident of unit 104 whose session every other caller tries to end.</summary>
    public Caller Victim { get; private set; } = null!;

    public SelfHostApi SelfHost { get; private set; } = null!;

    public FunctionsApi Functions { get; private set; } = null!;

    public IReadOnlyList<IApiHost> Hosts => [SelfHost, Functions];

    /// <summary>Targets the callers who are refused must leave untouched (checked after each of their calls).</summary>
    public string PendingForApproval { get; private set; } = null!;

    public string PendingForRejection { get; private set; } = null!;

    public string CodeToRevoke { get; private set; } = null!;

    public (string UserId, string UnitId) OwnerToConfirm { get; private set; }

    public string DeadLetterToRetry { get; private set; } = null!;

    /// <summary>The other building's waiting registration, code (of unit 701) and dead letter.</summary>
    public string OtherPendingRegistration { get; private set; } = null!;

    public string OtherCode { get; private set; } = null!;

    public string OtherDeadLetter { get; private set; } = null!;

    /// <summary>A failed email of the home building that refused callers try to send again (it must stay failed).</summary>
    public string NoticeToRetry { get; private set; } = null!;

    /// <summary>A failed email of the other building.</summary>
    public string OtherNotice { get; private set; } = null!;

    /// <summary>Staff of the home building who are no caller: the targets of refused role changes and removals.</summary>
    public string StaffToChange { get; private set; } = null!;

    public string StaffToRemove { get; private set; } = null!;

    /// <summary>A pending invitation to the home building's staff that refused callers try to revoke.</summary>
    public string InvitationToRevoke { get; private set; } = null!;

    /// <summary>The other building's administrator (no caller) and its pending staff invitation.</summary>
    public string OtherAdmin { get; private set; } = null!;

    public string OtherInvitation { get; private set; } = null!;

    /// <summary>
    /// Packages of the home building (issue 3): one waiting for unit 101 (ResidentA's) with a photo, one
    /// waiting for unit 102 (ResidentB's), one of unknown recipient, one released to ResidentA; and one
    /// waiting in the other building. Refused callers aim at these and must leave them as they are.
    /// </summary>
    public string HomePackage { get; private set; } = null!;

    public string NeighbourPackage { get; private set; } = null!;

    public string UnknownRecipientPackage { get; private set; } = null!;

    public string ReleasedPackage { get; private set; } = null!;

    public string OtherBuildingPackage { get; private set; } = null!;

    /// <summary>A tracking number unit 101 expects (refused callers try to remove it), and ones of unit 102 and of the other building.</summary>
    public string ExpectedToRemove { get; private set; } = null!;

    public IServiceProvider Services => Factory.Services;

    public T Service<T>()
        where T : notnull => Factory.Services.GetRequiredService<T>();

    public IApiHost Host(string name) => Hosts.Single(h => h.Name == name);

    public async Task InitializeAsync()
    {
        _ = Factory.Services;
        SelfHost = new SelfHostApi(Factory);
        Functions = new FunctionsApi(Factory.Services);

        await Factory.AddBuildingAsync(OtherBuilding, "Le Sherbrooke");
        await Factory.ImportUnitsAsync(HomeBuilding, ["101", "102", "103", "104", "105", ThrottledUnit, .. RegistrationUnits]);
        await Factory.ImportUnitsAsync(OtherBuilding, "701", "702", "703");
        Ids.Add(HomeBuilding, IdKind.Building, HomeBuilding, null);
        Ids.Add(OtherBuilding, IdKind.Building, OtherBuilding, null);

        var callers = new Dictionary<CallerKind, Caller>();
        var octet = 10;
        foreach (var kind in Enum.GetValues<CallerKind>())
        {
            callers[kind] = new Caller(kind, $"203.0.113.{octet++}");
        }

        Callers = callers;
        Victim = new Caller(CallerKind.ResidentB, "203.0.113.99");

        await StaffAsync(callers[CallerKind.FrontDesk], HomeBuilding, Role.FrontDesk);
        await StaffAsync(callers[CallerKind.Manager], HomeBuilding, Role.Manager);
        await StaffAsync(callers[CallerKind.Admin], HomeBuilding, Role.Admin);
        await StaffAsync(callers[CallerKind.Board], HomeBuilding, Role.Board);
        await StaffAsync(callers[CallerKind.ManagerElsewhere], OtherBuilding, Role.Manager);

        await ResidentAsync(callers[CallerKind.ResidentA], HomeBuilding, "101", verify: true);
        await ResidentAsync(callers[CallerKind.ResidentB], HomeBuilding, "102", verify: true);
        await ResidentAsync(callers[CallerKind.ResidentElsewhere], OtherBuilding, "701", verify: true);
        await ResidentAsync(Victim, HomeBuilding, "104", verify: true);
        await ResidentAsync(callers[CallerKind.Unverified], HomeBuilding, "103", verify: false);

        PendingForApproval = (await PendingRegistrationAsync(HomeBuilding)).RegistrationId;
        PendingForRejection = (await PendingRegistrationAsync(HomeBuilding)).RegistrationId;
        CodeToRevoke = await CodeAsync(HomeBuilding, "101");
        OwnerToConfirm = await AdmittedOwnerAsync();
        DeadLetterToRetry = await DeadLetterAsync(HomeBuilding);
        NoticeToRetry = await FailedNoticeAsync(HomeBuilding);

        // The other building has its own waiting list, codes and failed work: none of it may leak.
        OtherPendingRegistration = (await PendingRegistrationAsync(OtherBuilding)).RegistrationId;
        OtherCode = await CodeAsync(OtherBuilding, "701");
        OtherDeadLetter = await DeadLetterAsync(OtherBuilding);
        OtherNotice = await FailedNoticeAsync(OtherBuilding);

        StaffToChange = await StaffMemberAsync(HomeBuilding, Role.FrontDesk);
        StaffToRemove = await StaffMemberAsync(HomeBuilding, Role.Board);
        InvitationToRevoke = await InvitationAsync(HomeBuilding);
        OtherAdmin = await StaffMemberAsync(OtherBuilding, Role.Admin);
        OtherInvitation = await InvitationAsync(OtherBuilding);

        // Packages, expected tracking numbers and pickup codes, in both buildings and two units.
        HomePackage = await PackageAsync(HomeBuilding, "101");
        await PhotoThroughTheDeskAsync(HomePackage);
        NeighbourPackage = await PackageAsync(HomeBuilding, "102");
        UnknownRecipientPackage = await PackageAsync(HomeBuilding, null);
        ReleasedPackage = await ReleasedPackageAsync();
        OtherBuildingPackage = await PackageAsync(OtherBuilding, "701");
        ExpectedToRemove = await ExpectedPackageAsync(Callers[CallerKind.ResidentA]);
        await ExpectedPackageAsync(Callers[CallerKind.ResidentB]);
        await ExpectedPackageAsync(Callers[CallerKind.ResidentElsewhere]);
        foreach (var resident in new[] { Callers[CallerKind.ResidentA], Callers[CallerKind.ResidentB], Callers[CallerKind.ResidentElsewhere] })
        {
            await PickupCodeAsync(resident);
        }

        await SettleAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        SelfHost?.Dispose();
        Factory.Dispose();
    }

    public int Next()
    {
        lock (_counterLock)
        {
            return ++_counter;
        }
    }

    /// <summary>A fresh address at example.test.</summary>
    public string NewEmail(string prefix) => $"{prefix}.{Next()}@example.test";

    /// <summary>A strong password nobody used yet.</summary>
    public string NewPassword() => $"{PortalSession.StrongPassword} nouvelle {Next()}";

    /// <summary>The caller of that kind, with a working main session.</summary>
    public async Task<Caller> CallerAsync(CallerKind kind)
    {
        var caller = Callers[kind];
        await EnsureMainSessionAsync(caller);
        return caller;
    }

    /// <summary>
    /// The unit nothing else registers in during the run, whatever order the tests run in: its whole hourly
    /// budget is the caller's. Handed out once.
    /// </summary>
    public string ReserveRegistrationUnit()
    {
        lock (_counterLock)
        {
            Assert.False(_throttledUnitTaken, "the unit reserved for throttling was already handed out");
            _throttledUnitTaken = true;
            return ThrottledUnit;
        }
    }

    /// <summary>Signs the caller in again if a case ended all of their sessions.</summary>
    public async Task EnsureMainSessionAsync(Caller caller)
    {
        if (!caller.MainSessionEnded)
        {
            return;
        }

        // The first main session came through the API; a replacement is started by the session service,
        // as sign-in does, to spare a password hash per renewal.
        var (cookie, sessionId) = await StartSessionAsync(caller);
        (caller.Cookie, caller.SessionId, caller.MainSessionEnded) = (cookie, sessionId, false);
    }

    /// <summary>
    /// A second session of the caller's account, for a case whose success ends or locks its session
    /// (sign-out, lock, refresh…), started by the session service exactly as sign-in starts one.
    /// </summary>
    public async Task<(string Cookie, string SessionId)> StartSessionAsync(Caller caller, bool locked = false)
    {
        var account = await Service<Accounts>().RequireAsync(caller.UserId!, default);
        var session = await Service<SessionService>().StartAsync(account, ApiRequest.UserAgent, default);
        if (locked)
        {
            Assert.True(await Service<SessionService>().LockAsync(caller.UserId!, session.SessionId, default));
        }

        Ids.Add(session.SessionId, IdKind.Session, caller.BuildingId, caller.UserId);
        return ($"{SessionCookies.Access}={Uri.EscapeDataString(session.AccessToken)}; {SessionCookies.Refresh}={Uri.EscapeDataString(session.RefreshToken)}", session.SessionId);
    }

    /// <summary>Records the session a response opened or renewed (its refresh cookie names account and session).</summary>
    public string? RecordSessionFrom(IEnumerable<string> setCookies, Caller caller)
    {
        var cookies = ApiResponse.CookiesSet(setCookies);
        if (!cookies.TryGetValue(SessionCookies.Refresh, out var refresh))
        {
            return null;
        }

        var parts = Uri.UnescapeDataString(refresh).Split('.');
        Ids.Add(parts[1], IdKind.Session, caller.BuildingId, parts[0]);
        return parts[1];
    }

    /// <summary>The Cookie header that carries a response's session cookies.</summary>
    public static string CookieHeader(IEnumerable<string> setCookies, params string[] names)
    {
        var cookies = ApiResponse.CookiesSet(setCookies);
        Assert.All(names, n => Assert.True(cookies.ContainsKey(n), $"no {n} cookie was set"));
        return string.Join("; ", names.Select(n => $"{n}={cookies[n]}"));
    }

    /// <summary>
    /// Lets the change-feed pump handle every event written so far: drains until a round finds every range
    /// idle. Codes are issued one per purpose per account, so a code the test issues must come after the
    /// one the pump issues for the same event (a verification email after registering, a sign-in code after
    /// a request), or the pump's would replace it.
    /// </summary>
    public async Task SettleAsync()
    {
        var pump = Service<ChangeFeedPump>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var report = await pump.DrainAsync(default);
            if (report.Ranges.All(r => r.Outcome == DrainOutcome.Idle))
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "the pump did not settle within 15 s: " + string.Join(", ", report.Ranges.Select(r => $"{r.Handler}/{r.FeedRange}={r.Outcome}")));
            await Task.Delay(10);
        }
    }

    /// <summary>A registration waiting for approval, made through the registration use case.</summary>
    public async Task<(string RegistrationId, string UserId)> PendingRegistrationAsync(string buildingId)
    {
        var email = NewEmail("attente");
        var unit = buildingId == HomeBuilding ? NextRegistrationUnit() : "702";
        await Service<RegistrationService>().RegisterAsync(Command(buildingId, unit, email, code: null, Relationship.Tenant), default);
        var account = (await Service<Accounts>().FindByEmailAsync(email, default))!.Value;
        var registration = Assert.Single(await Service<RegistrationService>().OfUserAsync(buildingId, account.UserId, default));
        Ids.Add(account.UserId, IdKind.Person, buildingId, account.UserId);
        Ids.Add(email, IdKind.Person, buildingId, account.UserId);
        Ids.Add(registration.RegistrationId, IdKind.Registration, buildingId, account.UserId);
        return (registration.RegistrationId, account.UserId);
    }

    /// <summary>A resident admitted with a code who declared owning the unit (owner rights not yet confirmed).</summary>
    public async Task<(string UserId, string UnitId)> AdmittedOwnerAsync()
    {
        var unit = NextRegistrationUnit();
        var code = await Service<RegistrationCodeService>().IssueAsync(HomeBuilding, unit, 1, 30, Callers[CallerKind.Manager].UserId!, default);
        Ids.Add(code.Document.CodeId, IdKind.Code, HomeBuilding, null);
        var email = NewEmail("proprio");
        await Service<RegistrationService>().RegisterAsync(Command(HomeBuilding, unit, email, code.Code, Relationship.Owner), default);
        var account = (await Service<Accounts>().FindByEmailAsync(email, default))!.Value;
        Ids.Add(account.UserId, IdKind.Person, HomeBuilding, account.UserId);
        Ids.Add(email, IdKind.Person, HomeBuilding, account.UserId);
        return (account.UserId, unit);
    }

    /// <summary>An unverified account of the home building, for cases whose success would verify the address.</summary>
    public async Task<Caller> FreshUnverifiedAsync()
    {
        var (userId, _) = await AdmittedOwnerAsync();
        var account = await Service<Accounts>().RequireAsync(userId, default);
        return new Caller(CallerKind.Unverified, Callers[CallerKind.Unverified].Address)
        {
            UserId = userId,
            Email = account.Email,
            Password = PortalSession.StrongPassword,
            BuildingId = HomeBuilding,
        };
    }

    public async Task<string> CodeAsync(string buildingId, string unitId)
    {
        var issuer = buildingId == HomeBuilding ? Callers[CallerKind.Manager] : Callers[CallerKind.ManagerElsewhere];
        var code = await Service<RegistrationCodeService>().IssueAsync(buildingId, unitId, 4, 30, issuer.UserId!, default);
        Ids.Add(code.Document.CodeId, IdKind.Code, buildingId, null);
        return code.Document.CodeId;
    }

    /// <summary>
    /// A dead letter of the registration-notices handler on a real "registration.submitted" event of the
    /// building, as the pump records one when the handler keeps failing; retrying it succeeds.
    /// </summary>
    public async Task<string> DeadLetterAsync(string buildingId)
    {
        var (registrationId, _) = await PendingRegistrationAsync(buildingId);
        var eventId = EventDocument.IdFor(registrationId, RegistrationEvents.Submitted);
        var stored = await Service<IDocumentStore>().ReadAsync<EventDocument>(Containers.Buildings, buildingId, eventId, default);
        Assert.NotNull(stored);
        var handler = Services.GetServices<IFeedHandler>().Single(h => h is RegistrationNoticeHandler);
        var change = new ChangedDocument(buildingId, eventId, stored.ETag, System.Text.Json.JsonSerializer.SerializeToElement(stored.Value, StoreJson.Options));
        var letter = await Service<DeadLetters>().RecordAsync(handler, change, stored.Value, 3, new InvalidOperationException("SMTP refusé (test)"), default);
        Ids.Add(letter.Value.Id, IdKind.DeadLetter, buildingId, null);
        return letter.Value.Id;
    }

    /// <summary>
    /// An email of the building that the dispatcher gave up on (state failed, its content kept so it can be
    /// sent again), as <see cref="NoticeDispatcher"/> leaves one after a rejection.
    /// </summary>
    public async Task<string> FailedNoticeAsync(string buildingId)
    {
        var now = Service<TimeProvider>().GetUtcNow();
        var eventId = EventDocument.IdFor("matrix-" + Guid.NewGuid().ToString("N"), "test.failed");
        var model = new PasswordChanged("Zoé Tremblay", now);
        var notice = new NoticeDocument
        {
            Id = NoticeDocument.IdFor(eventId, "u-matrix", EmailKinds.NameOf(typeof(PasswordChanged))),
            BuildingId = buildingId,
            EventId = eventId,
            Recipient = "u-matrix",
            Kind = EmailKinds.NameOf(typeof(PasswordChanged)),
            State = NoticeState.Failed,
            Attempts = 8,
            LastError = "smtp:550",
            CreatedAt = now,
            UpdatedAt = now,
            Payload = new NoticePayload("zoe@example.test", "Zoé Tremblay", Language.Fr, System.Text.Json.JsonSerializer.SerializeToElement(model, StoreJson.Options)),
        };
        await Service<IDocumentStore>().CreateAsync(Containers.Buildings, buildingId, notice.Id, notice, default);
        Ids.Add(notice.Id, IdKind.Notice, buildingId, null);
        return notice.Id;
    }

    /// <summary>A staff member of the building made by the staff accounts use case (on its roster, with its memberships), not signed in.</summary>
    public async Task<string> StaffMemberAsync(string buildingId, Role role)
    {
        var staff = await Factory.CreateStaffAsync(buildingId, role);
        Ids.Add(staff.UserId, IdKind.Staff, buildingId, staff.UserId);
        Ids.Add(staff.Email, IdKind.Staff, buildingId, staff.UserId);
        return staff.UserId;
    }

    /// <summary>A pending staff invitation of the building, made by the staff use case in its administrator's name.</summary>
    public async Task<string> InvitationAsync(string buildingId, string? email = null)
    {
        var actor = buildingId == HomeBuilding ? Callers[CallerKind.Admin].UserId! : OtherAdmin;
        email ??= NewEmail("invitation");
        var invitation = await Service<StaffService>().InviteAsync(buildingId, new NewStaffInvitation(email, "Invité Gagnon", Role.FrontDesk, Core.Common.Language.Fr), actor, default);
        Ids.Add(invitation.InvitationId, IdKind.Invitation, buildingId, null);
        Ids.Add(email, IdKind.Invitation, buildingId, null);
        return invitation.InvitationId;
    }

    /// <summary>A tracking number no package or expectation of the run uses yet.</summary>
    public string NewTrackingNumber() => $"LDA{Next():D9}CA";

    /// <summary>
    /// A package logged by the building's desk through the desk use case (the home building's front desk, the
    /// other building's manager): waiting for the unit and its first resident among the callers, or of
    /// unknown recipient (<paramref name="unitId"/> null, a typed name).
    /// </summary>
    public async Task<string> PackageAsync(string buildingId, string? unitId)
    {
        var resident = Callers.Values.FirstOrDefault(c => c.Role == Role.Resident && c.BuildingId == buildingId && c.UnitId == unitId);
        var command = new LogPackage(
            Guid.NewGuid().ToString(), unitId, resident?.UserId, unitId is null ? "Destinataire Inconnu" : null, NewTrackingNumber(),
            null, PackageSize.Small, [], "A3", "Boîte abîmée au coin", ConfirmDuplicate: false);
        var logged = await Service<PackageDesk>().LogAsync(buildingId, command, await DeskActorAsync(buildingId), default);
        Assert.True(logged.Created);
        Ids.Add(logged.Package.Value.PackageId, IdKind.Package, buildingId, null, unitId);
        return logged.Package.Value.PackageId;
    }

    /// <summary>A package of unit 101 released to ResidentA by the desk a moment ago (so still within the undo window).</summary>
    public async Task<string> ReleasedPackageAsync()
    {
        var packageId = await PackageAsync(HomeBuilding, "101");
        var resident = Callers[CallerKind.ResidentA];
        await Service<PackageDesk>().ReleaseAsync(
            HomeBuilding, new ReleasePackages("101", [packageId], ReleasedToKind.Resident, resident.UserId, "Zoé Tremblay", IdentityCheck.PhotoId, null), await DeskActorAsync(HomeBuilding), default);
        return packageId;
    }

    /// <summary>A tracking number the resident's unit expects, announced through the preferences use case.</summary>
    public async Task<string> ExpectedPackageAsync(Caller resident)
    {
        var expected = await Service<PackagePreferencesService>().AddExpectedAsync(resident.BuildingId!, resident.UnitId!, resident.UserId!, NewTrackingNumber(), "Livres", default);
        Ids.Add(expected.ExpectedId, IdKind.ExpectedPackage, resident.BuildingId, null, resident.UnitId);
        return expected.ExpectedId;
    }

    /// <summary>The resident's current pickup code (issued on first read, as the page does).</summary>
    public async Task<string> PickupCodeAsync(Caller resident)
    {
        var code = await Service<PickupCodes>().GetOrIssueAsync(resident.BuildingId!, resident.UnitId!, resident.UserId!, default);
        Ids.Add(code.Code, IdKind.PickupCode, resident.BuildingId, resident.UserId);
        return code.Code;
    }

    /// <summary>A small PNG, as a phone at the desk would upload (re-encoded by the server).</summary>
    public static byte[] PhotoBytes()
    {
        using var bitmap = new SkiaSharp.SKBitmap(48, 32);
        bitmap.Erase(new SkiaSharp.SKColor(0xE6, 0xBC, 0x63));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Uploads a photo of the package through the API, as the front desk.</summary>
    private async Task PhotoThroughTheDeskAsync(string packageId)
    {
        var desk = Callers[CallerKind.FrontDesk];
        var uploaded = await SelfHost.SendAsync(new ApiRequest(HttpMethods.Put, $"/api/buildings/{HomeBuilding}/packages/{packageId}/photo")
        {
            Cookie = desk.Cookie,
            ClientAddress = SetupAddress,
            ContentType = "image/png",
            Body = PhotoBytes(),
        });
        Assert.True(uploaded.Status == 204, uploaded.ToString());
    }

    private async Task<DeskActor> DeskActorAsync(string buildingId)
    {
        var staff = Callers[buildingId == HomeBuilding ? CallerKind.FrontDesk : CallerKind.ManagerElsewhere];
        var account = await Service<Accounts>().RequireAsync(staff.UserId!, default);
        return new DeskActor(account.UserId, account.FullName);
    }

    private static RegisterResident Command(string buildingId, string unit, string email, string? code, Relationship relationship) =>
        new(buildingId, unit, code, "Zoé Tremblay", email, PortalSession.StrongPassword, Core.Common.Language.Fr, relationship, Core.Legal.LegalDocuments.CurrentVersion, Core.Legal.LegalDocuments.CurrentVersion);

    /// <summary>A unit of the home building with room left in its hourly registration budget.</summary>
    public string NextRegistrationUnit()
    {
        lock (_counterLock)
        {
            var unit = RegistrationUnits.OrderBy(u => _unitRegistrations.GetValueOrDefault(u)).First();
            var used = _unitRegistrations[unit] = _unitRegistrations.GetValueOrDefault(unit) + 1;
            Assert.True(used < RegistrationService.UnitAttemptsPerHour, "the matrix ran out of registration budget per unit; add units");
            return unit;
        }
    }

    private async Task StaffAsync(Caller caller, string buildingId, Role role)
    {
        var staff = await Factory.CreateStaffAsync(buildingId, role);
        (caller.UserId, caller.Email, caller.Password, caller.TotpSecret, caller.BuildingId, caller.Role) = (staff.UserId, staff.Email, staff.Password, staff.TotpSecret, buildingId, role);
        Ids.Add(staff.UserId, IdKind.Staff, buildingId, staff.UserId);
        Ids.Add(staff.Email, IdKind.Staff, buildingId, staff.UserId);
        await SignInStaffAsync(caller);
    }

    /// <summary>Password, then TOTP, through the API: the session cookies of the answer become the caller's.</summary>
    public async Task SignInStaffAsync(Caller caller)
    {
        var first = new List<string>();
        var password = await SelfHost.SendAsync(ApiRequest.PostJson("/api/auth/sign-in", new { email = caller.Email, password = caller.Password }) with { ClientAddress = SetupAddress }, first);
        Assert.True(password.Status == 200, password.ToString());
        var challenge = CookieHeader(first, SessionCookies.TotpChallenge);
        var second = new List<string>();
        var totp = await SelfHost.SendAsync(ApiRequest.PostJson("/api/auth/sign-in/totp", new { code = Factory.TotpCode(caller.TotpSecret!) }) with { Cookie = challenge, ClientAddress = SetupAddress }, second);
        Assert.True(totp.Status == 200, totp.ToString());
        caller.Cookie = CookieHeader(second, SessionCookies.Access, SessionCookies.Refresh);
        caller.SessionId = RecordSessionFrom(second, caller);
    }

    /// <summary>A new staff member of the home building, signed in through the API (for tests that change their access).</summary>
    public async Task<Caller> NewStaffAsync(Role role, string address)
    {
        var caller = new Caller(CallerKind.Manager, address);
        await StaffAsync(caller, HomeBuilding, role);
        return caller;
    }

    /// <summary>Verifies a registrant's address with the code the email would carry, through the API; their session's cookies.</summary>
    public async Task<string> VerifyAndSignInAsync(string userId, string address)
    {
        await SettleAsync();
        var account = await Service<Accounts>().RequireAsync(userId, default);
        var material = await Service<VerificationIssuer>().IssueEmailVerificationAsync(userId, null, default);
        var cookies = new List<string>();
        var verified = await SelfHost.SendAsync(ApiRequest.PostJson("/api/auth/verify-email", new { email = account.Email, code = material.Code }) with { ClientAddress = address }, cookies);
        Assert.True(verified.Status == 200, verified.ToString());
        return CookieHeader(cookies, SessionCookies.Access, SessionCookies.Refresh);
    }

    /// <summary>
    /// Registers through the API with a code issued for the unit, then (when <paramref name="verify"/>)
    /// verifies the address with the six-digit code the verification email would carry, which signs in.
    /// </summary>
    private async Task ResidentAsync(Caller caller, string buildingId, string unitId, bool verify)
    {
        var issuer = buildingId == HomeBuilding ? Callers[CallerKind.Manager] : Callers[CallerKind.ManagerElsewhere];
        var code = await Service<RegistrationCodeService>().IssueAsync(buildingId, unitId, 4, 30, issuer.UserId!, default);
        Ids.Add(code.Document.CodeId, IdKind.Code, buildingId, null);
        var email = NewEmail($"resident{unitId}");
        var registered = await SelfHost.SendAsync(ApiRequest.PostJson("/api/registrations", PortalSession.Registration(buildingId, unitId, email, code.Code)) with { ClientAddress = SetupAddress });
        Assert.True(registered.Status == (int)HttpStatusCode.Accepted, registered.ToString());
        var account = (await Service<Accounts>().FindByEmailAsync(email, default))!.Value;
        (caller.UserId, caller.Email, caller.Password, caller.BuildingId, caller.UnitId, caller.Role) = (account.UserId, email, PortalSession.StrongPassword, buildingId, unitId, Role.Resident);
        Ids.Add(account.UserId, IdKind.Person, buildingId, account.UserId);
        Ids.Add(email, IdKind.Person, buildingId, account.UserId);
        foreach (var registration in await Service<RegistrationService>().OfUserAsync(buildingId, account.UserId, default))
        {
            Ids.Add(registration.RegistrationId, IdKind.Registration, buildingId, account.UserId);
        }

        if (!verify)
        {
            // Sign-in refuses an unverified address and sets no cookie: this caller has no session at all.
            var setCookies = new List<string>();
            var refused = await SelfHost.SendAsync(ApiRequest.PostJson("/api/auth/sign-in", new { email, password = caller.Password }) with { ClientAddress = SetupAddress }, setCookies);
            Assert.True(refused.Status == 403 && refused.Body.Contains("email-unverified", StringComparison.Ordinal), refused.ToString());
            Assert.Empty(ApiResponse.CookiesSet(setCookies));
            return;
        }

        await SettleAsync();
        var material = await Service<VerificationIssuer>().IssueEmailVerificationAsync(account.UserId, null, default);
        var cookies = new List<string>();
        var verified = await SelfHost.SendAsync(ApiRequest.PostJson("/api/auth/verify-email", new { email, code = material.Code }) with { ClientAddress = SetupAddress }, cookies);
        Assert.True(verified.Status == 200, verified.ToString());
        caller.Cookie = CookieHeader(cookies, SessionCookies.Access, SessionCookies.Refresh);
        caller.SessionId = RecordSessionFrom(cookies, caller);
    }
}

[CollectionDefinition(Name)]
public sealed class AuthorizationCollection : ICollectionFixture<MatrixWorld>
{
    public const string Name = "authorization";
}
