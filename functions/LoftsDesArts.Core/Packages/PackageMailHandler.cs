using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Packages;

/// <summary>
/// The package emails, each once by protocol (DESIGN §3.5), to the unit's residents who want them, in each
/// one's language: grouped arrivals, reminders and the final notice, and who took what. Arrival notices are
/// recorded in each package's chain of custody, so its timeline shows who was told and whether it went out.
/// </summary>
public sealed class PackageMailHandler(
    IDocumentStore store,
    Accounts accounts,
    BuildingService buildings,
    PackageSettingsService settings,
    NoticeDispatcher notices,
    PortalLinks links) : IFeedHandler
{
    public string Name => "package-notices";

    public ContainerSpec Container => Containers.Buildings;

    public bool Wants(string kind) => kind is PackageEvents.ArrivalsDue or PackageEvents.ReminderDue or PackageEvents.Released;

    public async Task HandleAsync(EventDocument evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var buildingId = evt.BuildingId!;
        var unitId = evt.Get("unitId");
        if (unitId is null)
        {
            return;
        }

        var packageIds = evt.Kind == PackageEvents.ReminderDue
            ? [evt.SubjectId]
            : (evt.Get("packageIds") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var packages = new List<PackageDocument>(packageIds.Length);
        foreach (var id in packageIds)
        {
            var package = await store.ReadAsync<PackageDocument>(Containers.Buildings, buildingId, PackageDocument.IdFor(id), cancellationToken).ConfigureAwait(false);
            // A package assigned elsewhere or already gone by the time the email goes is left out of it.
            var stillRelevant = package is not null && package.Value.UnitId == unitId
                && (evt.Kind == PackageEvents.Released ? package.Value.Release is not null : package.Value.State == PackageState.Waiting);
            if (stillRelevant)
            {
                packages.Add(package!.Value);
            }
        }

        if (packages.Count == 0)
        {
            return;
        }

        var building = await buildings.RequireAsync(buildingId, cancellationToken).ConfigureAwait(false);
        var packageSettings = await settings.ReadAsync(buildingId, cancellationToken).ConfigureAwait(false);
        var now = evt.OccurredAt;
        var items = packages.Select(p => new PackageEmailItem(p.Carrier, p.Size, p.Flags, p.ArrivedAt, packageSettings.AgeDays(p.ArrivedAt, now))).ToList();
        var recipients = new List<NoticeRecipient>();
        foreach (var resident in await store.QueryAllAsync<ResidentDocument>(RegistrationQueries.ResidentsOfUnit, buildingId, new QueryArgs { ["unitId"] = unitId }, cancellationToken).ConfigureAwait(false))
        {
            var choices = await PackagePreferencesService.ChoicesOfAsync(store, buildingId, unitId, resident.UserId, cancellationToken).ConfigureAwait(false);
            var wanted = evt.Kind switch
            {
                PackageEvents.ArrivalsDue => choices.Arrival,
                PackageEvents.ReminderDue => choices.Reminder,
                _ => choices.Release,
            };
            var account = wanted ? (await accounts.ReadAsync(resident.UserId, cancellationToken).ConfigureAwait(false))?.Value : null;
            if (account is null || account.Status != AccountStatus.Active || !account.EmailVerified)
            {
                continue;
            }

            var link = links.Packages(account.Language);
            EmailModel model = evt.Kind switch
            {
                PackageEvents.ArrivalsDue => new PackagesArrivedEmail(account.FullName, building.Name, items, packageSettings.Settings.PickupLocation, packageSettings.Settings.DeskHours, link),
                PackageEvents.ReminderDue => new PackageReminderEmail(
                    account.FullName,
                    building.Name,
                    items,
                    ReminderStage.TryParse(evt.Get("stage"), out var stage) ? stage : ReminderStage.FinalNotice,
                    packageSettings.Planner.ReturnDate(packages[0].ArrivedAt),
                    packageSettings.Settings.PickupLocation,
                    packageSettings.Settings.DeskHours,
                    link),
                _ => new PackagesReleasedEmail(account.FullName, building.Name, packages[0].Release!.Name, packages[0].Release!.At, items, link),
            };
            recipients.Add(new NoticeRecipient(account.UserId, new EmailAddress(account.Email, account.FullName), account.Language, model));
        }

        if (recipients.Count == 0)
        {
            return;
        }

        await notices.DispatchAsync(evt, recipients, cancellationToken).ConfigureAwait(false);
        if (evt.Kind == PackageEvents.ArrivalsDue)
        {
            foreach (var package in packages)
            {
                await RecordNoticeAsync(buildingId, package.Id, evt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Adds the arrival notice to the package's chain of custody, once (a replayed event finds it there).</summary>
    private async Task RecordNoticeAsync(string buildingId, string id, EventDocument evt, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await store.ReadAsync<PackageDocument>(Containers.Buildings, buildingId, id, cancellationToken).ConfigureAwait(false);
            if (current is null || current.Value.History.Any(h => h.EventId == evt.Id))
            {
                return;
            }

            var next = current.Value with { History = [.. current.Value.History, new PackageHistoryEntry(evt.OccurredAt, PackageStep.Notified, null, null, null, evt.Id)] };
            try
            {
                await store.ReplaceAsync(Containers.Buildings, buildingId, id, next, current.ETag, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StoreException e) when (e.Failure == StoreFailure.PreconditionFailed)
            {
                // The desk changed the package meanwhile: add the entry to the fresh version.
            }
        }
    }
}
