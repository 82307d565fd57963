using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Http.Pipeline;

namespace LoftsDesArts.Http.Packages;

/// <summary>Packages as the desk and residents see them: one shape, the desk's own fields only for staff.</summary>
internal static class PackageResponses
{
    public static PackageResponse From(Stored<PackageDocument> stored, BuildingPackageSettings building, DateTimeOffset now, bool staffView, IReadOnlyList<TimelineEntryResponse>? timeline = null, PackageOptions? options = null)
    {
        var p = stored.Value;
        var age = building.AgeDays(p.ArrivedAt, now);
        var undoUntil = staffView && p.Release is { } release && options is not null ? release.At + options.UndoWindow : (DateTimeOffset?)null;
        return new PackageResponse(
            p.PackageId,
            p.ShortId,
            p.DeskVersion(),
            p.State,
            p.UnitId,
            p.UnitId,
            p.RecipientUserId,
            p.RecipientName,
            p.TrackingNumber,
            p.Carrier,
            p.Size,
            p.Flags,
            p.Damaged,
            p.Location,
            staffView ? p.Note : null,
            p.HasPhoto,
            p.ArrivedAt,
            staffView ? p.LoggedByName : null,
            age,
            p.State == PackageState.Waiting && age >= building.Settings.OverdueAfterDays,
            p.Release?.At,
            p.Release?.Name,
            p.Release?.Kind,
            staffView ? p.Release?.IdentityCheck : null,
            undoUntil > now ? undoUntil : null,
            timeline);
    }

    public static IReadOnlyList<TimelineEntryResponse> Timeline(IReadOnlyList<TimelineItem> items, bool staffView, Language language, IReadOnlyDictionary<string, string> namesByUserId) =>
        [.. items.Select(i => i.Notice is { } notice
            ? new TimelineEntryResponse(
                i.At,
                NoticeKind(i.Step),
                null,
                null,
                "email",
                notice.State switch { NoticeState.Sent => "sent", NoticeState.Failed => "failed", _ => "pending" },
                namesByUserId.TryGetValue(notice.Recipient, out var name) ? name : null)
            : new TimelineEntryResponse(
                i.At,
                WireEnum<PackageStep>.Name(i.Step!.Step),
                staffView ? i.Step.ActorName ?? (i.Step.ActorUserId is null ? null : PackageTexts.ReceptionName.In(language)) : null,
                // A release's detail is who took it: the contract's recipientName, for residents too.
                i.Step.Step == PackageStep.Released || !staffView ? null : i.Step.Detail,
                null,
                null,
                i.Step.Step == PackageStep.Released ? i.Step.Detail : null))];

    /// <summary>
    /// What a notice was, by the step whose event sent it: <c>notice</c> (arrival), <c>reminder</c>,
    /// <c>final-notice</c> or <c>release-notice</c>.
    /// </summary>
    public static string NoticeKind(PackageHistoryEntry? step) => step?.Step switch
    {
        PackageStep.Reminder => WireEnum<PackageStep>.Name(PackageStep.Reminder),
        PackageStep.FinalNotice => WireEnum<PackageStep>.Name(PackageStep.FinalNotice),
        PackageStep.Released => "release-notice",
        _ => WireEnum<PackageStep>.Name(PackageStep.Notified),
    };

    public static DeskActor Actor(ApiCall call, string name) => new(call.Caller.UserId, name);

    public static bool IsStaffView(ApiCall call) => call.Caller.IsStaffOf(call.BuildingId) && call.Caller.Can(call.BuildingId, Capability.HandlePackages);
}
