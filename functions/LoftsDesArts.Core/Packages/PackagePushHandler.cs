using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Packages;

/// <summary>
/// Tells open screens that a package changed: the unit's residents and the building's desk. Pushes carry
/// ids only; the pages fetch what they may see through the API (DESIGN §4).
/// </summary>
public sealed class PackagePushHandler(IRealtimePublisher realtime) : IFeedHandler
{
    public const string ChangedPush = "package.changed";

    public string Name => "package-pushes";

    public ContainerSpec Container => Containers.Buildings;

    public bool Wants(string kind) => kind is PackageEvents.Arrived or PackageEvents.Unmatched or PackageEvents.Changed or PackageEvents.ReminderDue
        or PackageEvents.Released or PackageEvents.ReleaseUndone or PackageEvents.PreferencesChanged;

    public async Task HandleAsync(EventDocument evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var buildingId = evt.BuildingId!;
        var unitId = evt.Get("unitId");
        IEnumerable<string?> packageIds = evt.Kind switch
        {
            PackageEvents.Released => (evt.Get("packageIds") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
            PackageEvents.PreferencesChanged => new string?[] { null },
            _ => [evt.SubjectId],
        };
        foreach (var packageId in packageIds)
        {
            var ids = new Dictionary<string, string>(StringComparer.Ordinal) { ["buildingId"] = buildingId };
            if (unitId is not null)
            {
                ids["unitId"] = unitId;
            }

            if (packageId is not null)
            {
                ids["packageId"] = packageId;
            }

            var message = new RealtimeMessage(ChangedPush, ids);
            await realtime.SendToGroupAsync(RealtimeGroups.BuildingStaff(buildingId), message, cancellationToken).ConfigureAwait(false);
            if (unitId is not null)
            {
                await realtime.SendToGroupAsync(RealtimeGroups.Unit(buildingId, unitId), message, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
