using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Audit;
using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Throttling;
using LoftsDesArts.Core.Units;

namespace LoftsDesArts.Core.Registrations;

public sealed record RegisterResident(
    string BuildingId,
    string UnitNumber,
    string? RegistrationCode,
    string FullName,
    string Email,
    string Password,
    Language Language,
    Relationship Relationship,
    string TermsVersion,
    string PrivacyVersion);

/// <summary>The answer is the same whether or not the email already had an account.</summary>
public sealed record RegistrationAccepted(bool ApprovalRequired);

/// <summary>
/// Residents joining a building (issue 2, B1): with a unit's registration code they are admitted at
/// once; without one the request waits for management. The order of writes keeps a failure from
/// leaving anything half-done: everything is validated first, the email is claimed, the building's
/// batch (code use, registration, resident, event) commits, then the account's batch.
/// </summary>
public sealed class RegistrationService(
    IDocumentStore store,
    RequestBudget budget,
    AuditLog audit,
    PrincipalCache principals,
    TimeProvider clock)
{
    /// <summary>Guesses of a unit's code allowed per hour, whatever the address they come from.</summary>
    public const int UnitAttemptsPerHour = 10;

    private static readonly TimeSpan OrphanClaimAge = TimeSpan.FromMinutes(10);

    public async Task<RegistrationAccepted> RegisterAsync(RegisterResident command, CancellationToken cancellationToken)
    {
        var building = await store.ReadAsync<BuildingDocument>(Containers.Buildings, command.BuildingId, BuildingDocument.DocumentId, cancellationToken).ConfigureAwait(false);
        if (building is null || !building.Value.RegistrationOpen)
        {
            throw DomainException.Invalid("buildingId", RegistrationTexts.UnknownBuilding);
        }

        if (command.TermsVersion != building.Value.TermsVersion || command.PrivacyVersion != building.Value.PrivacyVersion)
        {
            throw DomainException.Invalid("termsVersion", RegistrationTexts.OutdatedTerms);
        }

        var unitId = UnitDocument.NormalizeNumber(command.UnitNumber);
        await budget.SpendAsync("registration-unit", $"{command.BuildingId}/{unitId}", UnitAttemptsPerHour, TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
        var unit = unitId.Length == 0 ? null : await store.ReadAsync<UnitDocument>(Containers.Buildings, command.BuildingId, UnitDocument.IdFor(unitId), cancellationToken).ConfigureAwait(false);
        if (unit is null || unit.Value.Staged is not null)
        {
            throw DomainException.Invalid("unitNumber", RegistrationTexts.UnknownUnit);
        }

        var code = string.IsNullOrWhiteSpace(command.RegistrationCode)
            ? null
            : await FindUsableCodeAsync(command.BuildingId, unitId, command.RegistrationCode, cancellationToken).ConfigureAwait(false);

        var email = Emails.Normalize(command.Email);
        var userId = RandomTokens.Id("u_");
        var now = clock.GetUtcNow();
        if (!await ClaimEmailAsync(email, userId, now, cancellationToken).ConfigureAwait(false))
        {
            await NotifyExistingAccountAsync(email, now, cancellationToken).ConfigureAwait(false);
            return new RegistrationAccepted(code is null);
        }

        var registrationId = RandomTokens.Id("r_");
        try
        {
            await CommitBuildingSideAsync(command, unit.Value, code, userId, email, registrationId, now, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Nothing of the account exists yet: release the address so the person can try again.
            await store.DeleteAsync(Containers.Lookups, EmailClaim.IdFor(email), EmailClaim.IdFor(email), null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var account = new UserAccount
        {
            Id = UserAccount.DocumentId,
            UserId = userId,
            Email = email,
            FullName = command.FullName.Trim(),
            Language = command.Language,
            Kind = AccountKind.Resident,
            PasswordHash = PasswordHasher.Hash(command.Password),
            CreatedAt = now,
            TermsAcceptedAt = now,
            TermsVersion = command.TermsVersion,
            PrivacyVersion = command.PrivacyVersion,
        };
        var memberships = UserMemberships.Empty(userId) with
        {
            Items = code is null ? [] : [new Membership(command.BuildingId, unitId, Role.Resident)],
            Pending = code is null ? [new PendingRegistration(command.BuildingId, registrationId, unit.Value.Number, now)] : [],
        };
        await store.ExecuteBatchAsync(Containers.Users, userId,
        [
            BatchOperation.Create(account.Id, account),
            BatchOperation.Create(memberships.Id, memberships),
            BatchOperation.Create(EventDocument.IdFor(userId, IdentityEvents.Registered), EventDocument.ForUser(userId, userId, IdentityEvents.Registered, now)),
        ], cancellationToken).ConfigureAwait(false);
        return new RegistrationAccepted(code is null);
    }

    public async Task<IReadOnlyList<RegistrationDocument>> ListAsync(string buildingId, RegistrationStatus status, string actorUserId, CancellationToken cancellationToken)
    {
        var items = await store.QueryAllAsync<RegistrationDocument>(RegistrationQueries.ByStatus, buildingId, new QueryArgs { ["status"] = StatusValue(status) }, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(buildingId, actorUserId, "registrations.read", "registrations", StatusValue(status), new Dictionary<string, string> { ["count"] = items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        return items;
    }

    public async Task<RegistrationDocument> ApproveAsync(string buildingId, string registrationId, bool confirmOwner, string actorUserId, CancellationToken cancellationToken)
    {
        var stored = await ReadPendingAsync(buildingId, registrationId, cancellationToken).ConfigureAwait(false);
        var registration = stored.Value;
        if (confirmOwner && registration.Relationship != Relationship.Owner)
        {
            throw DomainException.Invalid("confirmOwner", RegistrationTexts.NotAnOwner);
        }

        var now = clock.GetUtcNow();
        var approved = registration with { Status = RegistrationStatus.Approved, DecidedAt = now, DecidedBy = actorUserId };
        var resident = ResidentFor(registration, now) with { OwnerConfirmed = confirmOwner };
        await store.ExecuteBatchAsync(Containers.Buildings, buildingId,
        [
            BatchOperation.Replace(approved.Id, approved, stored.ETag),
            BatchOperation.Upsert(resident.Id, resident),
            BatchOperation.Create(EventDocument.IdFor(registration.RegistrationId, RegistrationEvents.Approved), EventDocument.ForBuilding(buildingId, registration.RegistrationId, RegistrationEvents.Approved, now, new Dictionary<string, string> { ["userId"] = registration.UserId })),
        ], cancellationToken).ConfigureAwait(false);
        await Memberships.ChangeAsync(store, registration.UserId, current => current with
        {
            Items = [.. current.Items.Where(m => !(m.BuildingId == buildingId && m.UnitId == registration.UnitId && m.Role == Role.Resident)), new Membership(buildingId, registration.UnitId, Role.Resident, OwnerConfirmed: confirmOwner)],
            Pending = [.. current.Pending.Where(p => p.RegistrationId != registrationId)],
        }, cancellationToken).ConfigureAwait(false);
        principals.Forget(registration.UserId);
        await audit.WriteAsync(buildingId, actorUserId, "registration.approved", "registration", registrationId, new Dictionary<string, string> { ["unit"] = registration.UnitId, ["ownerConfirmed"] = confirmOwner ? "true" : "false" }, cancellationToken).ConfigureAwait(false);
        return approved;
    }

    public async Task<RegistrationDocument> RejectAsync(string buildingId, string registrationId, string reason, string actorUserId, CancellationToken cancellationToken)
    {
        var stored = await ReadPendingAsync(buildingId, registrationId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var rejected = stored.Value with { Status = RegistrationStatus.Rejected, DecidedAt = now, DecidedBy = actorUserId, RejectionReason = reason.Trim() };
        await store.ExecuteBatchAsync(Containers.Buildings, buildingId,
        [
            BatchOperation.Replace(rejected.Id, rejected, stored.ETag),
            BatchOperation.Create(EventDocument.IdFor(registrationId, RegistrationEvents.Rejected), EventDocument.ForBuilding(buildingId, registrationId, RegistrationEvents.Rejected, now, new Dictionary<string, string> { ["userId"] = rejected.UserId })),
        ], cancellationToken).ConfigureAwait(false);
        await Memberships.ChangeAsync(store, rejected.UserId, current => current with { Pending = [.. current.Pending.Where(p => p.RegistrationId != registrationId)] }, cancellationToken).ConfigureAwait(false);
        principals.Forget(rejected.UserId);
        await audit.WriteAsync(buildingId, actorUserId, "registration.rejected", "registration", registrationId, null, cancellationToken).ConfigureAwait(false);
        return rejected;
    }

    /// <summary>A user's own registrations in a building (for "waiting for approval" after sign-in).</summary>
    public Task<IReadOnlyList<RegistrationDocument>> OfUserAsync(string buildingId, string userId, CancellationToken cancellationToken) =>
        store.QueryAllAsync<RegistrationDocument>(RegistrationQueries.OfUser, buildingId, new QueryArgs { ["userId"] = userId }, cancellationToken);

    internal static string StatusValue(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Pending => "pending",
        RegistrationStatus.Approved => "approved",
        RegistrationStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private async Task<Stored<RegistrationDocument>> ReadPendingAsync(string buildingId, string registrationId, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync<RegistrationDocument>(Containers.Buildings, buildingId, RegistrationDocument.IdFor(registrationId), cancellationToken).ConfigureAwait(false)
            ?? throw DomainException.NotFound("registration-not-found", RegistrationTexts.RegistrationNotFound);
        if (stored.Value.Status != RegistrationStatus.Pending)
        {
            throw DomainException.Conflict("registration-decided", RegistrationTexts.AlreadyDecided);
        }

        return stored;
    }

    private async Task<Stored<RegistrationCodeDocument>> FindUsableCodeAsync(string buildingId, string unitId, string code, CancellationToken cancellationToken)
    {
        var hash = RegistrationCodeService.HashCode(buildingId, unitId, code);
        var codes = await store.QueryAllStoredAsync<RegistrationCodeDocument>(RegistrationQueries.CodesOfUnit, buildingId, new QueryArgs { ["unitId"] = unitId }, cancellationToken).ConfigureAwait(false);
        var match = codes.FirstOrDefault(c => RandomTokens.FixedTimeEquals(c.Value.CodeHash, hash))
            ?? throw CodeProblem("registration-code-invalid", RegistrationTexts.CodeInvalid);
        var now = clock.GetUtcNow();
        CheckUsable(match.Value, now);
        return match;

        static void CheckUsable(RegistrationCodeDocument c, DateTimeOffset now)
        {
            if (c.RevokedAt is not null)
            {
                throw CodeProblem("registration-code-revoked", RegistrationTexts.CodeRevoked);
            }

            if (c.ExpiresAt <= now)
            {
                throw CodeProblem("registration-code-expired", RegistrationTexts.CodeExpired);
            }

            if (c.Uses >= c.MaxUses)
            {
                throw CodeProblem("registration-code-used", RegistrationTexts.CodeUsed);
            }
        }
    }

    private static DomainException CodeProblem(string code, LocalizedText message) =>
        new(ErrorKind.Validation, code, Texts.Errors.Validation) { FieldErrors = new Dictionary<string, LocalizedText> { ["registrationCode"] = message } };

    /// <summary>
    /// Claims the address for a new account. An existing claim whose account never got written (a crash
    /// between the two batches) is taken over once it is old enough.
    /// </summary>
    private async Task<bool> ClaimEmailAsync(string email, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = EmailClaim.IdFor(email);
        var claim = new EmailClaim { Id = id, UserId = userId, ClaimedAt = now };
        try
        {
            await store.CreateAsync(Containers.Lookups, id, id, claim, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StoreException ex) when (ex.Failure == StoreFailure.Conflict)
        {
            var existing = await store.ReadAsync<EmailClaim>(Containers.Lookups, id, id, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return false;
            }

            var account = await store.ReadAsync<UserAccount>(Containers.Users, existing.Value.UserId, UserAccount.DocumentId, cancellationToken).ConfigureAwait(false);
            if (account is not null || now - existing.Value.ClaimedAt < OrphanClaimAge)
            {
                return false;
            }

            try
            {
                await store.ReplaceAsync(Containers.Lookups, id, id, claim, existing.ETag, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (StoreException retry) when (retry.Failure is StoreFailure.PreconditionFailed or StoreFailure.NotFound)
            {
                return false;
            }
        }
    }

    /// <summary>Tells the owner of an existing address that someone tried to register with it.</summary>
    private async Task NotifyExistingAccountAsync(string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claim = await store.ReadAsync<EmailClaim>(Containers.Lookups, EmailClaim.IdFor(email), EmailClaim.IdFor(email), cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return;
        }

        var userId = claim.Value.UserId;
        var suffix = StoreJson.Instant(now);
        var evt = EventDocument.ForUser(userId, userId, IdentityEvents.RegistrationAttempted, now, suffix: suffix);
        try
        {
            await store.CreateAsync(Containers.Users, userId, evt.Id, evt, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Failure == StoreFailure.Conflict)
        {
            // Two attempts in the same millisecond: one notice is enough.
        }
    }

    private async Task CommitBuildingSideAsync(RegisterResident command, UnitDocument unit, Stored<RegistrationCodeDocument>? code, string userId, string email, string registrationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var registration = new RegistrationDocument
            {
                Id = RegistrationDocument.IdFor(registrationId),
                BuildingId = command.BuildingId,
                RegistrationId = registrationId,
                UserId = userId,
                UnitId = unit.UnitId,
                UnitNumber = unit.Number,
                FullName = command.FullName.Trim(),
                Email = email,
                Relationship = command.Relationship,
                Status = code is null ? RegistrationStatus.Pending : RegistrationStatus.Approved,
                CodeId = code?.Value.CodeId,
                SubmittedAt = now,
                DecidedAt = code is null ? null : now,
            };
            var kind = code is null ? RegistrationEvents.Submitted : RegistrationEvents.Admitted;
            var operations = new List<BatchOperation>
            {
                BatchOperation.Create(registration.Id, registration),
                BatchOperation.Create(EventDocument.IdFor(registrationId, kind), EventDocument.ForBuilding(command.BuildingId, registrationId, kind, now, new Dictionary<string, string> { ["userId"] = userId })),
            };
            if (code is not null)
            {
                var used = code.Value with { Uses = code.Value.Uses + 1 };
                var resident = ResidentFor(registration, now);
                operations.Add(BatchOperation.Replace(used.Id, used, code.ETag));
                operations.Add(BatchOperation.Upsert(resident.Id, resident));
            }

            try
            {
                await store.ExecuteBatchAsync(Containers.Buildings, command.BuildingId, operations, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StoreException ex) when (ex.Failure == StoreFailure.PreconditionFailed && code is not null && attempt < 5)
            {
                // Another registration used the code at the same moment: check it again.
                code = await FindUsableCodeAsync(command.BuildingId, unit.UnitId, command.RegistrationCode!, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static ResidentDocument ResidentFor(RegistrationDocument registration, DateTimeOffset now) => new()
    {
        Id = ResidentDocument.IdFor(registration.UnitId, registration.UserId),
        BuildingId = registration.BuildingId,
        UserId = registration.UserId,
        UnitId = registration.UnitId,
        UnitNumber = registration.UnitNumber,
        FullName = registration.FullName,
        NameKey = TextFolding.Fold(registration.FullName),
        Email = registration.Email,
        Relationship = registration.Relationship,
        Since = now,
    };
}
