using System.Net;
using System.Text.Json;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Legal;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Units;
using LoftsDesArts.Testing.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.EndToEnd.Tests.Support;

/// <summary>A staff account created for a test, with what it takes to sign in.</summary>
public sealed record StaffAccount(string Email, string FullName, string Password, string TotpSecret, Language Language);

/// <summary>A resident with a verified address and a unit, created the way a person would be (code, registration, emailed code).</summary>
public sealed record ResidentAccount(string Email, string FullName, string Password, string UnitNumber, Language Language);

/// <summary>
/// The real self-host started with the demo building (<c>--demo</c>) — the built web app from <c>web/dist</c>, SQLite on a temporary data folder, the
/// <c>.eml</c> outbox, the change-feed pump and the SignalR hub — on Kestrel at 127.0.0.1 on a free
/// port. Intent methods set up what a journey needs (staff accounts, units, codes) through the
/// portal's own services; everything a journey checks goes through the browser.
/// </summary>
public sealed class PortalServer : WebApplicationFactory<Program>
{
    /// <summary>Units of the demo building nobody lives in and no code was issued for; each journey takes its own (registration attempts are budgeted per unit).</summary>
    private IReadOnlyList<string> _freeUnits = [];

    private int _nextUnit;

    public PortalServer()
    {
        DistFolder = RepositoryPaths.Combine("web", "dist");
        if (!File.Exists(Path.Combine(DistFolder, "index.html")))
        {
            throw new InvalidOperationException(
                $"The web app is not built ({DistFolder}/index.html is missing). Run `npm ci --prefix web && npm --prefix web run build`, " +
                "or build the self-host project without -p:SkipWebBuild=true.");
        }

        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        Outbox = new Outbox(Path.Combine(DataFolder, "outbox"));
    }

    /// <summary>For example <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "lda-tests", "e2e-" + Guid.NewGuid().ToString("N"));

    public string DistFolder { get; }

    public Outbox Outbox { get; }

    public string BuildingId => Services.GetRequiredService<IOptions<PortalOptions>>().Value.BuildingId;

    /// <summary>
    /// Finds, in the demo building created at start (<c>--demo</c>), the residential units with no
    /// resident and no registration code: the ones journeys register into (once, before the first journey).
    /// </summary>
    public async Task FindFreeUnitsAsync()
    {
        var roster = await Services.GetRequiredService<UnitService>().RosterAsync(BuildingId, CancellationToken.None);
        var codes = Services.GetRequiredService<RegistrationCodeService>();
        var free = new List<string>();
        foreach (var entry in roster.Where(r => r.Unit.UnitType == UnitType.Residential && r.ResidentCount == 0))
        {
            if ((await codes.ListAsync(BuildingId, entry.Unit.UnitId, CancellationToken.None)).Count == 0)
            {
                free.Add(entry.Unit.Number);
            }
        }

        Assert.True(free.Count >= 20, $"The demo building has {roster.Count} units, of which {free.Count} are free for the journeys.");
        _freeUnits = free;
    }

    /// <summary>A unit of the demo building that no one lives in and no other journey has used.</summary>
    public string FreshUnit()
    {
        var index = Interlocked.Increment(ref _nextUnit) - 1;
        return index < _freeUnits.Count ? _freeUnits[index] : throw new InvalidOperationException($"Out of free units ({_freeUnits.Count}) in the demo building.");
    }

    public async Task<StaffAccount> CreateStaffAsync(Role role, Language language)
    {
        var email = $"{role.ToString().ToLowerInvariant()}.{Guid.NewGuid():N}@staff.example.test";
        var fullName = language == Language.Fr ? "Geneviève Gestion" : "Morgan Manager";
        var password = "Staff-Passphrase-" + Guid.NewGuid().ToString("N")[..12];
        var totp = TotpService.NewEnrolment(email);
        await Services.GetRequiredService<StaffAccounts>().CreateAsync(
            new NewStaffAccount(email, fullName, password, language, BuildingId, role, totp.Secret), CancellationToken.None);
        return new StaffAccount(email, fullName, password, totp.Secret, language);
    }

    /// <summary>The code an authenticator app shows now for this secret.</summary>
    public string TotpCode(string secret) => Services.GetRequiredService<TotpService>().CurrentCode(secret);

    /// <summary>A registration code for a unit, as the console issues it (setup for journeys that are not about issuing codes).</summary>
    public async Task<string> IssueCodeAsync(string unitNumber)
    {
        var issued = await Services.GetRequiredService<RegistrationCodeService>().IssueAsync(
            BuildingId, UnitDocument.NormalizeNumber(unitNumber), RegistrationCodeService.DefaultMaxUses, RegistrationCodeService.DefaultValidDays, "e2e-setup", CancellationToken.None);
        return issued.Code;
    }

    /// <summary>
    /// A resident as a person becomes one: a code for a fresh unit, the registration, then the six-digit
    /// code from the verification email in the outbox. Only the browser part is skipped.
    /// </summary>
    public Task<ResidentAccount> CreateResidentAsync(Language language, string fullName) => CreateResidentAsync(language, fullName, FreshUnit());

    /// <summary>
    /// The same, in a given unit (which may already have residents, like the demo building's 504). Only one
    /// journey may use such a unit: the registration attempts are budgeted per unit.
    /// </summary>
    public async Task<ResidentAccount> CreateResidentAsync(Language language, string fullName, string unit)
    {
        var code = await IssueCodeAsync(unit);
        var email = People.NewEmail(fullName);
        var password = People.NewPassword();
        await Services.GetRequiredService<RegistrationService>().RegisterAsync(
            new RegisterResident(BuildingId, unit, code, fullName, email, password, language, Relationship.Tenant, LegalDocuments.CurrentVersion, LegalDocuments.CurrentVersion),
            CancellationToken.None);
        var mail = await Outbox.WaitForAsync(email, language == Language.Fr ? "Confirmez votre adresse courriel" : "Confirm your email address");
        await Services.GetRequiredService<AccountService>().VerifyEmailWithCodeAsync(email, Outbox.SixDigitCode(mail), "192.0.2.10", CancellationToken.None);
        return new ResidentAccount(email, fullName, password, unit, language);
    }

    /// <summary>
    /// A package waiting at the desk for a unit, logged through the desk's use case (setup for journeys that
    /// are not about logging). Returns its short id (<c>LDA-…</c>), as the desk's pages show it.
    /// </summary>
    public async Task<string> LogPackageAsync(string unitNumber, string location)
    {
        var tracking = "LDAE2E" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var logged = await Services.GetRequiredService<PackageDesk>().LogAsync(
            BuildingId,
            new LogPackage(Guid.NewGuid().ToString(), UnitDocument.NormalizeNumber(unitNumber), null, null, tracking, Carrier.Purolator, PackageSize.Small, [], location, null, ConfirmDuplicate: false),
            new DeskActor("e2e-setup", "Réception"),
            CancellationToken.None);
        return logged.Package.Value.ShortId;
    }

    /// <summary>
    /// An email of the building that the dispatcher gave up on, as <see cref="NoticeDispatcher"/> leaves one
    /// after the provider refused it (SMTP 550): state failed, its content kept so that staff can send it
    /// again. A reminder of one package, to the resident, in their language. Nothing here makes a real
    /// provider refuse a message (the outbox takes them all), so the failure itself is the setup.
    /// </summary>
    public async Task<string> FailedReminderAsync(ResidentAccount resident)
    {
        ArgumentNullException.ThrowIfNull(resident);
        var account = await Services.GetRequiredService<Accounts>().FindByEmailAsync(resident.Email, CancellationToken.None)
            ?? throw new InvalidOperationException($"No account for {resident.Email}.");
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var eventId = EventDocument.IdFor("e2e-" + Guid.NewGuid().ToString("N"), "reminder-1");
        var model = new PackageReminderEmail(
            resident.FullName,
            "Lofts des Arts",
            [new PackageEmailItem(Carrier.CanadaPost, PackageSize.Small, [], now.AddDays(-3), 3)],
            ReminderStage.Reminder(1),
            DateOnly.FromDateTime(now.UtcDateTime).AddDays(11),
            new LocalizedText("Réception, hall d’entrée", "Front desk, lobby"),
            new LocalizedText("Tous les jours, de 8 h à 20 h", "Every day, 8 a.m. to 8 p.m."),
            new Uri(BaseUrl + (resident.Language == Language.Fr ? "/fr/colis" : "/en/packages")));
        var kind = EmailKinds.NameOf(typeof(PackageReminderEmail));
        var notice = new NoticeDocument
        {
            Id = NoticeDocument.IdFor(eventId, account.Value.UserId, kind),
            BuildingId = BuildingId,
            EventId = eventId,
            Recipient = account.Value.UserId,
            Kind = kind,
            State = NoticeState.Failed,
            Attempts = 8,
            LastError = "smtp:550",
            CreatedAt = now,
            UpdatedAt = now,
            Payload = new NoticePayload(resident.Email, resident.FullName, resident.Language, JsonSerializer.SerializeToElement(model, StoreJson.Options)),
        };
        await Services.GetRequiredService<IDocumentStore>().CreateAsync(Containers.Buildings, BuildingId, notice.Id, notice, CancellationToken.None);
        return notice.Id;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As the README's run command starts it (--demo): the synthetic building, its units and residents.
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Storage:DataFolder", DataFolder);
        builder.UseSetting("WebApp:DistPath", DistFolder);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
