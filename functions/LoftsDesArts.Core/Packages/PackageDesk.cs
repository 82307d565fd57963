using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using LoftsDesArts.Core.Audit;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Units;

namespace LoftsDesArts.Core.Packages;

/// <summary>Settings of the package feature (configuration section <c>Packages</c>).</summary>
public sealed class PackageOptions
{
    public const string SectionName = "Packages";

    /// <summary>Arrivals for one unit within this quiet time of each other go out in one email.</summary>
    public TimeSpan ArrivalGroupingWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The grouping never holds the first arrival's email longer than this.</summary>
    public TimeSpan ArrivalGroupingCap { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the desk may undo a release.</summary>
    public TimeSpan UndoWindow { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>A staff member acting at the desk, as the chain of custody names them.</summary>
public sealed record DeskActor(string UserId, string Name);

public sealed record LogPackage(
    string ClientRequestId,
    string? UnitId,
    string? RecipientUserId,
    string? RecipientName,
    string? TrackingNumber,
    Carrier? Carrier,
    PackageSize Size,
    IReadOnlyList<PackageFlag> Flags,
    string? Location,
    string? Note,
    bool ConfirmDuplicate);

public sealed record EditPackage(string Version, Carrier Carrier, PackageSize Size, IReadOnlyList<PackageFlag> Flags, string? Location, string? Note);

public sealed record ReleasePackages(string UnitId, IReadOnlyList<string> PackageIds, ReleasedToKind Kind, string? UserId, string Name, IdentityCheck IdentityCheck, string? PickupCode);

public sealed record LoggedPackage(Stored<PackageDocument> Package, bool Created);

public sealed record ReleasedPackages(string ReleaseId, IReadOnlyList<Stored<PackageDocument>> Packages);

/// <summary>
/// The front desk's package work: log, correct, assign, release, undo, record exceptions. Every change is
/// one transactional batch in the building's partition: the package (by ETag), its event, and what the
/// change moves with it (the day's label sequence, the unit's arrival digest). Side effects (pushes,
/// emails) follow from the events (DESIGN §3.4).
/// </summary>
public sealed class PackageDesk(
    IDocumentStore store,
    PackageSettingsService settings,
    PackageReminders reminders,
    AuditLog audit,
    TimeProvider clock,
    PackageOptions options)
{
    public const int MaxReleaseBatch = 40;
    private const int MaxNote = 500;
    private const int MaxLocation = 30;
    private const int MaxName = 120;

    public async Task<LoggedPackage> LogAsync(string buildingId, LogPackage command, DeskActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        if (!Guid.TryParse(command.ClientRequestId, out _))
        {
            throw DomainException.Invalid("clientRequestId", PackageTexts.ClientRequestId);
        }

        var tracking = TrackingNumbers.Validate(command.TrackingNumber);
        var location = Optional(command.Location, MaxLocation, "location");
        var note = Optional(command.Note, MaxNote, "note");
        var typedName = Optional(command.RecipientName, MaxName, "recipientName");
        var packageId = PackageIdFor(actor.UserId, command.ClientRequestId);

        var existing = await store.ReadAsync<PackageDocument>(Containers.Buildings, buildingId, PackageDocument.IdFor(packageId), cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new LoggedPackage(existing, Created: false);
        }

        var (unitId, recipientUserId, recipientName) = await ResolveRecipientAsync(buildingId, command.UnitId, command.RecipientUserId, typedName, tracking, cancellationToken).ConfigureAwait(false);
        if (!command.ConfirmDuplicate)
        {
            var open = (await store.QueryAsync<PackageDocument>(PackageQueries.ByTracking, buildingId, new QueryArgs { [PackageQueries.TrackingNumber] = tracking }, 10, null, cancellationToken).ConfigureAwait(false))
                .Items.FirstOrDefault(p => p.Value.IsOpen);
            if (open is not null)
            {
                throw new DomainException(ErrorKind.Conflict, "duplicate-tracking", PackageTexts.DuplicateTracking)
                {
                    Extensions = new Dictionary<string, object> { ["existingPackageId"] = open.Value.PackageId, ["existingShortId"] = open.Value.ShortId },
                };
            }
        }

        var building = await settings.ReadAsync(buildingId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, building.TimeZone).DateTime);
            var sequence = await store.ReadAsync<PackageSequenceDocument>(Containers.Buildings, buildingId, PackageSequenceDocument.IdFor(day), cancellationToken).ConfigureAwait(false);
            var next = new PackageSequenceDocument { Id = PackageSequenceDocument.IdFor(day), BuildingId = buildingId, Last = (sequence?.Value.Last ?? 0) + 1 };
            var state = unitId is null ? PackageState.UnknownRecipient : PackageState.Waiting;
            var eventKind = unitId is null ? PackageEvents.Unmatched : PackageEvents.Arrived;
            var evt = EventDocument.ForBuilding(buildingId, packageId, eventKind, now, UnitData(unitId));
            var package = new PackageDocument
            {
                Id = PackageDocument.IdFor(packageId),
                BuildingId = buildingId,
                PackageId = packageId,
                ShortId = PackageShortIds.Format(day, next.Last, building.Settings.ShortIdPrefix),
                State = state,
                UnitId = unitId,
                RecipientUserId = recipientUserId,
                RecipientName = recipientName,
                TrackingNumber = tracking,
                Carrier = command.Carrier ?? TrackingNumbers.DetectCarrier(tracking),
                Size = command.Size,
                Flags = [.. command.Flags.Distinct()],
                Location = location,
                Note = note,
                ArrivedAt = now,
                LoggedBy = actor.UserId,
                LoggedByName = actor.Name,
                UpdatedAt = now,
                History = [new PackageHistoryEntry(now, PackageStep.Logged, actor.UserId, actor.Name, null, evt.Id)],
            };
            if (unitId is not null)
            {
                package = package with { NextActionAt = await reminders.NextAsync(package, building, cancellationToken).ConfigureAwait(false) };
            }

            var operations = new List<BatchOperation>
            {
                sequence is null ? BatchOperation.Create(next.Id, next) : BatchOperation.Replace(next.Id, next, sequence.ETag),
                BatchOperation.Create(package.Id, package),
                BatchOperation.Create(evt.Id, evt),
            };
            if (unitId is not null)
            {
                operations.Add(await DigestOperationAsync(buildingId, unitId, packageId, now, cancellationToken).ConfigureAwait(false));
            }

            try
            {
                var etags = await store.ExecuteBatchAsync(Containers.Buildings, buildingId, operations, cancellationToken).ConfigureAwait(false);
                await audit.WriteAsync(buildingId, actor.UserId, "package.logged", "package", packageId, UnitData(unitId), cancellationToken).ConfigureAwait(false);
                return new LoggedPackage(new Stored<PackageDocument>(package, etags[1]), Created: true);
            }
            catch (StoreException e) when (e.Failure is StoreFailure.Conflict or StoreFailure.PreconditionFailed && attempt < 8)
            {
                // Another log took the sequence number or the digest first, or this very request was
                // submitted twice: the second finds the first's package.
                var raced = await store.ReadAsync<PackageDocument>(Containers.Buildings, buildingId, PackageDocument.IdFor(packageId), cancellationToken).ConfigureAwait(false);
                if (raced is not null)
                {
                    return new LoggedPackage(raced, Created: false);
                }
            }
        }
    }

    public async Task<Stored<PackageDocument>> EditAsync(string buildingId, string packageId, EditPackage command, DeskActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var location = Optional(command.Location, MaxLocation, "location");
        var note = Optional(command.Note, MaxNote, "note");
        // The system may write to the package between the read and the commit (a notice, a reminder): the
        // change is made again on what it wrote; a person's change shows in the desk version and is refused.
        return await ChangeRereadingAsync(buildingId, packageId, "package.edited", (package, now, eventId) =>
        {
            if (package.DeskVersion() != command.Version)
            {
                throw DomainException.Stale();
            }

            return Append(package with
            {
                Carrier = command.Carrier,
                Size = command.Size,
                Flags = [.. command.Flags.Distinct()],
                Location = location,
                Note = note,
            }, now, PackageStep.Edited, actor, null, eventId);
        }, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives an unknown-recipient package its unit; the unit is told as for a new arrival.</summary>
    public async Task<Stored<PackageDocument>> AssignAsync(string buildingId, string packageId, string unitIdInput, string? recipientUserIdInput, DeskActor actor, CancellationToken cancellationToken)
    {
        var current = await RequireAsync(buildingId, packageId, cancellationToken).ConfigureAwait(false);
        if (current.Value.State != PackageState.UnknownRecipient)
        {
            throw DomainException.Conflict("not-unknown-recipient", PackageTexts.NotUnknownRecipient);
        }

        var (unitId, recipientUserId, recipientName) = await ResolveRecipientAsync(buildingId, unitIdInput, recipientUserIdInput, null, current.Value.TrackingNumber, cancellationToken).ConfigureAwait(false);
        var building = await settings.ReadAsync(buildingId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var evt = EventDocument.ForBuilding(buildingId, packageId, PackageEvents.Arrived, now, UnitData(unitId));
        var assigned = Append(current.Value with
        {
            State = PackageState.Waiting,
            UnitId = unitId,
            RecipientUserId = recipientUserId,
            RecipientName = recipientName,
        }, now, PackageStep.RecipientAssigned, actor, unitId, evt.Id);
        assigned = assigned with { NextActionAt = await reminders.NextAsync(assigned, building, cancellationToken).ConfigureAwait(false) };
        var digest = await DigestOperationAsync(buildingId, unitId!, packageId, now, cancellationToken).ConfigureAwait(false);
        var stored = await CommitAsync(buildingId, current, assigned, [evt], cancellationToken, digest).ConfigureAwait(false);
        await audit.WriteAsync(buildingId, actor.UserId, "package.assigned", "package", packageId, UnitData(unitId), cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<ReleasedPackages> ReleaseAsync(string buildingId, ReleasePackages command, DeskActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var ids = command.PackageIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            throw DomainException.Invalid("packageIds", PackageTexts.NothingToRelease);
        }

        if (ids.Count > MaxReleaseBatch)
        {
            throw DomainException.Invalid("packageIds", PackageTexts.TooManyAtOnce);
        }

        var name = Required(command.Name, MaxName, "releasedTo.name");
        var unitId = UnitDocument.NormalizeNumber(command.UnitId);
        var packages = new List<Stored<PackageDocument>>(ids.Count);
        foreach (var id in ids)
        {
            var package = await RequireAsync(buildingId, id, cancellationToken).ConfigureAwait(false);
            if (package.Value.UnitId != unitId)
            {
                throw DomainException.Conflict("other-unit", PackageTexts.OtherUnit);
            }

            if (package.Value.State == PackageState.Released)
            {
                throw DomainException.Conflict("already-released", PackageTexts.AlreadyReleased);
            }

            if (package.Value.State != PackageState.Waiting)
            {
                throw DomainException.Conflict("not-waiting", PackageTexts.NotWaiting);
            }

            packages.Add(package);
        }

        var preferences = await store.ReadAsync<PackagePreferencesDocument>(Containers.Buildings, buildingId, PackagePreferencesDocument.IdFor(unitId), cancellationToken).ConfigureAwait(false);
        var folded = TextFolding.Fold(name);
        if (preferences?.Value.NeverRelease.Any(p => TextFolding.Fold(p.Name) == folded) == true)
        {
            throw DomainException.Conflict("never-release", PackageTexts.NeverRelease);
        }

        var building = await settings.ReadAsync(buildingId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        string? userId = null;
        if (command.Kind == ReleasedToKind.Resident)
        {
            var resident = await store.ReadAsync<ResidentDocument>(Containers.Buildings, buildingId, ResidentDocument.IdFor(unitId, command.UserId ?? string.Empty), cancellationToken).ConfigureAwait(false)
                ?? throw DomainException.Invalid("releasedTo.userId", PackageTexts.RecipientNotInUnit);
            userId = resident.Value.UserId;
            name = resident.Value.FullName;
        }
        else
        {
            var today = building.LocalDate(now);
            var authorized = preferences?.Value.Authorized.FirstOrDefault(p => TextFolding.Fold(p.Name) == folded && (p.ExpiresOn is null || p.ExpiresOn >= today))
                ?? throw DomainException.Invalid("releasedTo.name", PackageTexts.NotAuthorized);
            name = authorized.Name;
        }

        if (command.IdentityCheck == IdentityCheck.PickupCode)
        {
            var owner = await PickupCodes.FindAsync(store, buildingId, command.PickupCode, cancellationToken).ConfigureAwait(false);
            if (owner is null || owner.UnitId != unitId)
            {
                throw DomainException.Invalid("pickupCode", PackageTexts.PickupCodeMismatch);
            }
        }

        var releaseId = "r-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        var release = new PackageRelease(releaseId, now, command.Kind, userId, name, command.IdentityCheck, actor.UserId);
        var evt = EventDocument.ForBuilding(buildingId, releaseId, PackageEvents.Released, now, new Dictionary<string, string>
        {
            ["unitId"] = unitId,
            ["packageIds"] = string.Join(',', ids),
        });
        var operations = new List<BatchOperation>(packages.Count + 1);
        var released = new List<PackageDocument>(packages.Count);
        foreach (var package in packages)
        {
            var next = Append(package.Value with
            {
                State = PackageState.Released,
                Release = release,
                ClosedAt = now,
                NextActionAt = null,
                PhotoPurgeAt = package.Value.HasPhoto ? now.AddDays(building.Settings.PhotoRetentionDays) : null,
            }, now, PackageStep.Released, actor, name, evt.Id);
            released.Add(next);
            operations.Add(BatchOperation.Replace(next.Id, next, package.ETag));
        }

        operations.Add(BatchOperation.Create(evt.Id, evt));
        IReadOnlyList<string> etags;
        try
        {
            etags = await store.ExecuteBatchAsync(Containers.Buildings, buildingId, operations, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException e) when (e.Failure is StoreFailure.PreconditionFailed or StoreFailure.NotFound)
        {
            // Someone released or changed one of them meanwhile: nothing was written.
            throw DomainException.Conflict("already-released", PackageTexts.AlreadyReleased);
        }

        await audit.WriteAsync(buildingId, actor.UserId, "package.released", "release", releaseId, new Dictionary<string, string>
        {
            ["unit"] = unitId,
            ["count"] = ids.Count.ToString(CultureInfo.InvariantCulture),
            ["identityCheck"] = WireName(command.IdentityCheck),
        }, cancellationToken).ConfigureAwait(false);
        return new ReleasedPackages(releaseId, [.. released.Select((p, i) => new Stored<PackageDocument>(p, etags[i]))]);
    }

    public async Task<Stored<PackageDocument>> UndoReleaseAsync(string buildingId, string packageId, string? reasonInput, DeskActor actor, CancellationToken cancellationToken)
    {
        var reason = Required(reasonInput, MaxNote, "reason", PackageTexts.ReasonRequired);
        var current = await RequireAsync(buildingId, packageId, cancellationToken).ConfigureAwait(false);
        var package = current.Value;
        if (package.State != PackageState.Released || package.Release is null)
        {
            throw DomainException.Conflict("not-released", PackageTexts.UndoNotReleased);
        }

        var now = clock.GetUtcNow();
        if (now - package.Release.At > options.UndoWindow)
        {
            throw DomainException.Conflict("undo-window-passed", PackageTexts.UndoWindowPassed);
        }

        var building = await settings.ReadAsync(buildingId, cancellationToken).ConfigureAwait(false);
        var evt = EventDocument.ForBuilding(buildingId, packageId, PackageEvents.ReleaseUndone, now, UnitData(package.UnitId), suffix: Suffix(package));
        var restored = Append(package with { State = PackageState.Waiting, Release = null, ClosedAt = null, PhotoPurgeAt = null }, now, PackageStep.ReleaseUndone, actor, reason, evt.Id);
        restored = restored with { NextActionAt = await reminders.NextAsync(restored, building, cancellationToken).ConfigureAwait(false) };
        var stored = await CommitAsync(buildingId, current, restored, [evt], cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(buildingId, actor.UserId, "package.release-undone", "package", packageId, new Dictionary<string, string> { ["release"] = package.Release.ReleaseId }, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<Stored<PackageDocument>> RecordExceptionAsync(string buildingId, string packageId, PackageExceptionKind kind, string? noteInput, DeskActor actor, CancellationToken cancellationToken)
    {
        var note = Required(noteInput, MaxNote, "note", PackageTexts.NoteRequired);
        var current = await RequireAsync(buildingId, packageId, cancellationToken).ConfigureAwait(false);
        var package = current.Value;
        if (!package.IsOpen)
        {
            throw DomainException.Conflict("not-waiting", PackageTexts.NotWaiting);
        }

        var building = await settings.ReadAsync(buildingId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var evt = ChangeEvent(package, now);
        var next = kind switch
        {
            PackageExceptionKind.Damaged => Append(package with { Damaged = true }, now, PackageStep.Damaged, actor, note, evt.Id),
            PackageExceptionKind.Returned => Append(Close(package, PackageState.Returned, now, building), now, PackageStep.Returned, actor, note, evt.Id),
            _ => Append(Close(package, PackageState.Missing, now, building), now, PackageStep.Missing, actor, note, evt.Id),
        };
        var stored = await CommitAsync(buildingId, current, next, [evt], cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(buildingId, actor.UserId, "package." + kind.ToString().ToLowerInvariant(), "package", packageId, null, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Records that the package now has a photo (the photo itself is already stored).</summary>
    public Task<Stored<PackageDocument>> MarkPhotoAsync(string buildingId, string packageId, DeskActor actor, CancellationToken cancellationToken) =>
        // A desk edit may race the upload: the photo is stored, so it is recorded on the fresh version.
        ChangeRereadingAsync(buildingId, packageId, "package.photo-added", (package, now, eventId) =>
            Append(package with { HasPhoto = true }, now, PackageStep.PhotoAdded, actor, null, eventId), actor, cancellationToken);

    /// <summary>
    /// Reads the package, makes the change (which may refuse it by throwing), commits it with its change event and
    /// audits it; when the package changed between the read and the commit, reads it again and remakes the change
    /// on it, up to three times.
    /// </summary>
    private async Task<Stored<PackageDocument>> ChangeRereadingAsync(
        string buildingId,
        string packageId,
        string auditAction,
        Func<PackageDocument, DateTimeOffset, string, PackageDocument> change,
        DeskActor actor,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await RequireAsync(buildingId, packageId, cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var evt = ChangeEvent(current.Value, now);
            var next = change(current.Value, now, evt.Id);
            Stored<PackageDocument> stored;
            try
            {
                stored = await CommitAsync(buildingId, current, next, [evt], cancellationToken).ConfigureAwait(false);
            }
            catch (DomainException e) when (e.Kind == ErrorKind.PreconditionFailed && attempt < 3)
            {
                continue;
            }

            await audit.WriteAsync(buildingId, actor.UserId, auditAction, "package", packageId, null, cancellationToken).ConfigureAwait(false);
            return stored;
        }
    }

    public async Task<Stored<PackageDocument>> RequireAsync(string buildingId, string packageIdOrShortId, CancellationToken cancellationToken)
    {
        if (PackageShortIds.TryParse(packageIdOrShortId, out _))
        {
            var page = await store.QueryAsync<PackageDocument>(PackageQueries.ByShortId, buildingId, new QueryArgs { [PackageQueries.ShortId] = packageIdOrShortId.Trim().ToUpperInvariant() }, 1, null, cancellationToken).ConfigureAwait(false);
            return (page.Items.Count > 0 ? page.Items[0] : null) ?? throw DomainException.NotFound("package-not-found", PackageTexts.NotFound);
        }

        var stored = await store.ReadAsync<PackageDocument>(Containers.Buildings, buildingId, PackageDocument.IdFor(packageIdOrShortId), cancellationToken).ConfigureAwait(false);
        return stored ?? throw DomainException.NotFound("package-not-found", PackageTexts.NotFound);
    }

    /// <summary>The package id a desk request names: the same request (double submit) gives the same id.</summary>
    public static string PackageIdFor(string actorUserId, string clientRequestId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(actorUserId + "\n" + clientRequestId.Trim().ToLowerInvariant()));
        return "p-" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    private async Task<(string? UnitId, string? UserId, string? Name)> ResolveRecipientAsync(
        string buildingId, string? unitInput, string? userIdInput, string? typedName, string tracking, CancellationToken cancellationToken)
    {
        var unitId = string.IsNullOrWhiteSpace(unitInput) ? null : UnitDocument.NormalizeNumber(unitInput);
        if (unitId is null)
        {
            // A resident who entered this tracking number in advance is the recipient.
            var matches = (await store.QueryAsync<ExpectedPackageDocument>(PackageQueries.ExpectedByTracking, buildingId, new QueryArgs { [PackageQueries.TrackingNumber] = tracking }, 1, null, cancellationToken).ConfigureAwait(false)).Items;
            var expected = matches.Count > 0 ? matches[0] : null;
            if (expected is not null)
            {
                unitId = expected.Value.UnitId;
                userIdInput ??= expected.Value.UserId;
            }
            else
            {
                return typedName is null
                    ? throw DomainException.Invalid("unitId", PackageTexts.RecipientRequired)
                    : (null, null, typedName);
            }
        }

        var unit = await store.ReadAsync<UnitDocument>(Containers.Buildings, buildingId, UnitDocument.IdFor(unitId), cancellationToken).ConfigureAwait(false)
            ?? throw DomainException.Invalid("unitId", PackageTexts.UnitUnknown);
        if (string.IsNullOrWhiteSpace(userIdInput))
        {
            var expected = (await store.QueryAsync<ExpectedPackageDocument>(PackageQueries.ExpectedByTracking, buildingId, new QueryArgs { [PackageQueries.TrackingNumber] = tracking }, 5, null, cancellationToken).ConfigureAwait(false))
                .Items.FirstOrDefault(e => e.Value.UnitId == unit.Value.UnitId);
            userIdInput = expected?.Value.UserId;
        }

        if (string.IsNullOrWhiteSpace(userIdInput))
        {
            return (unit.Value.UnitId, null, typedName);
        }

        var resident = await store.ReadAsync<ResidentDocument>(Containers.Buildings, buildingId, ResidentDocument.IdFor(unit.Value.UnitId, userIdInput), cancellationToken).ConfigureAwait(false)
            ?? throw DomainException.Invalid("recipientUserId", PackageTexts.RecipientNotInUnit);
        return (unit.Value.UnitId, resident.Value.UserId, resident.Value.FullName);
    }

    /// <summary>Adds the package to its unit's arrival digest: the email waits a short quiet time for others.</summary>
    private async Task<BatchOperation> DigestOperationAsync(string buildingId, string unitId, string packageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = ArrivalDigestDocument.IdFor(unitId);
        var current = await store.ReadAsync<ArrivalDigestDocument>(Containers.Buildings, buildingId, id, cancellationToken).ConfigureAwait(false);
        var digest = current?.Value ?? new ArrivalDigestDocument { Id = id, BuildingId = buildingId, UnitId = unitId };
        var first = digest.FirstPendingAt ?? now;
        var due = now + options.ArrivalGroupingWindow;
        var cap = first + options.ArrivalGroupingCap;
        var next = digest with
        {
            PackageIds = [.. digest.PackageIds.Where(p => p != packageId), packageId],
            FirstPendingAt = first,
            NextActionAt = due < cap ? due : cap,
        };
        return current is null ? BatchOperation.Create(id, next) : BatchOperation.Replace(id, next, current.ETag);
    }

    private async Task<Stored<PackageDocument>> CommitAsync(
        string buildingId, Stored<PackageDocument> current, PackageDocument next, IReadOnlyList<EventDocument> events, CancellationToken cancellationToken, BatchOperation? also = null)
    {
        var operations = new List<BatchOperation> { BatchOperation.Replace(next.Id, next with { UpdatedAt = clock.GetUtcNow() }, current.ETag) };
        operations.AddRange(events.Select(e => BatchOperation.Create(e.Id, e)));
        if (also is not null)
        {
            operations.Add(also);
        }

        try
        {
            var etags = await store.ExecuteBatchAsync(Containers.Buildings, buildingId, operations, cancellationToken).ConfigureAwait(false);
            return new Stored<PackageDocument>(next, etags[0]);
        }
        catch (StoreException e) when (e.Failure is StoreFailure.PreconditionFailed or StoreFailure.Conflict)
        {
            throw DomainException.Stale();
        }
    }

    private static PackageDocument Close(PackageDocument package, PackageState state, DateTimeOffset now, BuildingPackageSettings building) => package with
    {
        State = state,
        ClosedAt = now,
        NextActionAt = null,
        PhotoPurgeAt = package.HasPhoto ? now.AddDays(building.Settings.PhotoRetentionDays) : null,
    };

    private static PackageDocument Append(PackageDocument package, DateTimeOffset now, PackageStep step, DeskActor actor, string? detail, string eventId) =>
        package with { UpdatedAt = now, History = [.. package.History, new PackageHistoryEntry(now, step, actor.UserId, actor.Name, detail, eventId)] };

    private static EventDocument ChangeEvent(PackageDocument package, DateTimeOffset now) =>
        EventDocument.ForBuilding(package.BuildingId, package.PackageId, PackageEvents.Changed, now, UnitData(package.UnitId), suffix: Suffix(package));

    /// <summary>Each change of a package is its n-th history entry: a deterministic, unique event id suffix.</summary>
    private static string Suffix(PackageDocument package) => package.History.Count.ToString(CultureInfo.InvariantCulture);

    /// <summary>An enum value as the API and the store write it (its <see cref="JsonStringEnumMemberNameAttribute"/>), not its C# name.</summary>
    private static string WireName<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString();

    private static Dictionary<string, string>? UnitData(string? unitId) =>
        unitId is null ? null : new Dictionary<string, string> { ["unitId"] = unitId };

    internal static string? Optional(string? value, int max, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > max ? throw DomainException.Invalid(field, PackageTexts.TooLong) : trimmed;
    }

    internal static string Required(string? value, int max, string field, LocalizedText? missing = null) =>
        Optional(value, max, field) ?? throw DomainException.Invalid(field, missing ?? PackageTexts.NameRequired);
}
