using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Units;

namespace LoftsDesArts.Core.Demo;

/// <summary>A demo account whose sign-in details are printed once, when the demo building is created.</summary>
public sealed record DemoAccount(string Label, string Email, string Password, string? TotpSecret, string? UnitNumber);

public sealed record DemoBuilding(bool Created, IReadOnlyList<DemoAccount> Accounts, string? RegistrationCode, string? RegistrationCodeUnit);

/// <summary>
/// The synthetic Lofts des Arts of <c>--demo</c> (DESIGN §5): 1625 rue Clark, floors 2–9 with units
/// 01–12, four penthouses, two ground-floor units (102 in all, like the real roster), synthetic
/// residents with addresses at the reserved .example domain, staff accounts for each role and a registration code.
/// Nobody in it is a real person. Created once; later starts find it.
/// </summary>
public sealed class DemoBuildingSeeder(
    IDocumentStore store,
    BuildingService buildings,
    ImportJobRunner imports,
    StaffAccounts staff,
    RegistrationCodeService codes,
    TimeProvider clock)
{
    public const string DemoDomain = "lofts-des-arts.example";

    private static readonly string[] GivenNames =
    [
        "Zoé", "Éloïse", "Mathis", "Léa", "Félix", "Chloé", "Émile", "Amélie", "Thomas", "Noémie",
        "Samuel", "Camille", "Olivier", "Rosalie", "Gabriel", "Maëlle", "Jérôme", "Inès", "Antoine", "Aïcha",
        "Mehdi", "Sophie", "Nathan", "Laurence", "Hugo", "Mia", "Raphaël", "Océane", "Louis", "Anaïs",
    ];

    private static readonly string[] FamilyNames =
    [
        "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
        "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard", "Boucher",
        "Nguyen", "Haddad", "Diallo", "Chen", "Rossi", "Martinez", "Kowalski", "O'Brien", "Singh", "Benali",
    ];

    public static IReadOnlyList<UnitRow> Units()
    {
        var rows = new List<UnitRow>
        {
            new(0, "101", 1, UnitType.Commercial, 1850, null),
            new(0, "102", 1, UnitType.Residential, 1120, 2),
        };
        for (var floor = 2; floor <= 9; floor++)
        {
            for (var n = 1; n <= 12; n++)
            {
                var bedrooms = n % 4 == 0 ? 3 : n % 3 == 0 ? 1 : 2;
                rows.Add(new UnitRow(0, $"{floor}{n:D2}", floor, UnitType.Residential, 650 + (bedrooms * 280) + (n * 7), bedrooms));
            }
        }

        for (var n = 1; n <= 4; n++)
        {
            rows.Add(new UnitRow(0, $"PH{n}", 10, UnitType.Residential, 2100 + (n * 90), 3));
        }

        return rows;
    }

    public async Task<DemoBuilding> EnsureAsync(PortalOptions portal, CancellationToken cancellationToken)
    {
        var existing = await store.ReadAsync<BuildingDocument>(Containers.Buildings, portal.BuildingId, BuildingDocument.DocumentId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new DemoBuilding(false, [], null, null);
        }

        var buildingId = portal.BuildingId;
        await buildings.EnsureAsync(buildingId, portal.BuildingName, portal.BuildingAddress, cancellationToken).ConfigureAwait(false);
        var units = Units().Select(r => UnitDocument.From(buildingId, r)).ToList();
        await imports.RunAsync(Containers.Buildings, buildingId, "import:demo-roster", "units", units, cancellationToken).ConfigureAwait(false);

        var accounts = new List<DemoAccount>();
        foreach (var (role, label, local) in new[] { (Role.Admin, "Administration", "admin"), (Role.Manager, "Gestion / Management", "gestion"), (Role.FrontDesk, "Réception / Front desk", "reception"), (Role.Board, "Conseil d'administration / Board", "ca") })
        {
            var password = DemoPassword();
            var totp = TotpService.NewEnrolment($"{local}@{DemoDomain}");
            await staff.CreateAsync(new NewStaffAccount($"{local}@{DemoDomain}", $"{label.Split(" / ")[0]} (démo)", password, Language.Fr, buildingId, role, totp.Secret), cancellationToken).ConfigureAwait(false);
            accounts.Add(new DemoAccount(label, $"{local}@{DemoDomain}", password, totp.Secret, null));
        }

        // Residents: most have no password (they would sign in with an emailed code); one prints its details.
        var residentUnits = units.Where(u => u.UnitType == UnitType.Residential).Where((_, i) => i % 3 == 0).Take(30).ToList();
        if (!residentUnits.Any(u => u.UnitId == "504"))
        {
            residentUnits[0] = units.First(u => u.UnitId == "504");
        }

        var now = clock.GetUtcNow();
        for (var i = 0; i < residentUnits.Count; i++)
        {
            var unit = residentUnits[i];
            var fullName = $"{GivenNames[i % GivenNames.Length]} {FamilyNames[(i * 7) % FamilyNames.Length]}";
            var email = $"{TextFolding.Fold(GivenNames[i % GivenNames.Length])}.{TextFolding.Fold(FamilyNames[(i * 7) % FamilyNames.Length]).Replace("'", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal)}@{DemoDomain}";
            var printed = unit.UnitId == "504";
            var password = printed ? DemoPassword() : null;
            var relationship = i % 3 == 0 ? Relationship.Tenant : Relationship.Owner;
            await AddResidentAsync(buildingId, unit, fullName, email, password, relationship, i % 5 == 0 ? Language.En : Language.Fr, now, cancellationToken).ConfigureAwait(false);
            if (printed)
            {
                accounts.Add(new DemoAccount("Résident·e / Resident", email, password!, null, unit.Number));
            }
        }

        var code = await codes.IssueAsync(buildingId, "304", RegistrationCodeService.DefaultMaxUses, RegistrationCodeService.DefaultValidDays, "demo", cancellationToken).ConfigureAwait(false);
        return new DemoBuilding(true, accounts, code.Code, code.Unit.Number);
    }

    private async Task AddResidentAsync(string buildingId, UnitDocument unit, string fullName, string email, string? password, Relationship relationship, Language language, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var userId = RandomTokens.Id("u_");
        var claimId = EmailClaim.IdFor(email);
        await store.CreateAsync(Containers.Lookups, claimId, claimId, new EmailClaim { Id = claimId, UserId = userId, ClaimedAt = now }, cancellationToken).ConfigureAwait(false);
        var account = new UserAccount
        {
            Id = UserAccount.DocumentId,
            UserId = userId,
            Email = email,
            FullName = fullName,
            Language = language,
            Kind = AccountKind.Resident,
            EmailVerified = true,
            PasswordHash = password is null ? null : PasswordHasher.Hash(password),
            CreatedAt = now,
            TermsAcceptedAt = now,
            TermsVersion = Legal.LegalDocuments.CurrentVersion,
            PrivacyVersion = Legal.LegalDocuments.CurrentVersion,
        };
        var ownerConfirmed = relationship == Relationship.Owner;
        var memberships = UserMemberships.Empty(userId) with { Items = [new Membership(buildingId, unit.UnitId, Role.Resident, OwnerConfirmed: ownerConfirmed)] };
        await store.ExecuteBatchAsync(Containers.Users, userId, [BatchOperation.Create(account.Id, account), BatchOperation.Create(memberships.Id, memberships)], cancellationToken).ConfigureAwait(false);
        var resident = new ResidentDocument
        {
            Id = ResidentDocument.IdFor(unit.UnitId, userId),
            BuildingId = buildingId,
            UserId = userId,
            UnitId = unit.UnitId,
            UnitNumber = unit.Number,
            FullName = fullName,
            NameKey = TextFolding.Fold(fullName),
            Email = email,
            Relationship = relationship,
            OwnerConfirmed = ownerConfirmed,
            Since = now,
        };
        await store.CreateAsync(Containers.Buildings, buildingId, resident.Id, resident, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Four groups of four Crockford characters: long enough for the password policy, easy to type.</summary>
    private static string DemoPassword() => RandomTokens.GroupedCode(4);
}
