using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Notices;

/// <summary>A failed email as staff see it: what kind, to whom, why (a diagnostic code, never the provider's text), and when.</summary>
public sealed record FailedNoticeResponse(string Id, string Kind, string EventId, string? RecipientName, int Attempts, string? LastError, DateTimeOffset UpdatedAt);

public sealed record NoticeRetryResponse(string Id, string Outcome);

/// <summary>
/// Emails of the building that kept failing (DESIGN §3.5: visible to staff with a retry): list them and send
/// one again. For staff who operate the building (<see cref="Capability.OperateBackgroundWork"/>); the desk sees
/// a package's failed notices on its timeline.
/// </summary>
public static class NoticeRoutes
{
    private const int PageSize = 100;

    public static readonly ApiRoute ListFailed = ApiRoute
        .Get("ListFailedNotices", "buildings/{buildingId}/notices/failed", ListFailedAsync)
        .RequireCapability(Capability.OperateBackgroundWork).Returns<IReadOnlyList<FailedNoticeResponse>>()
        .Describe("The building's emails that could not be sent, most recent first.");

    public static readonly ApiRoute Retry = ApiRoute
        .Post("RetryNotice", "buildings/{buildingId}/notices/{noticeId}/retry", RetryAsync)
        .RequireCapability(Capability.OperateBackgroundWork).Returns<NoticeRetryResponse>()
        .Describe("Sends a failed email again now (outcome sent, deferred or failed).");

    public static IEnumerable<ApiRoute> All => [ListFailed, Retry];

    private static async Task<IResult> ListFailedAsync(ApiCall call)
    {
        var page = await call.Service<IDocumentStore>().QueryAsync<NoticeDocument>(NoticeQueries.FailedInBuilding, call.BuildingId, NoticeQueries.FailedArgs(), PageSize, null, call.Aborted).ConfigureAwait(false);
        var accounts = call.Service<Accounts>();
        var items = new List<FailedNoticeResponse>(page.Items.Count);
        foreach (var stored in page.Items)
        {
            var notice = stored.Value;
            var account = await accounts.ReadAsync(notice.Recipient, call.Aborted).ConfigureAwait(false);
            items.Add(new FailedNoticeResponse(notice.Id, notice.Kind, notice.EventId, account?.Value.FullName, notice.Attempts, notice.LastError, notice.UpdatedAt));
        }

        return ApiJson.Ok<IReadOnlyList<FailedNoticeResponse>>(items);
    }

    private static async Task<IResult> RetryAsync(ApiCall call)
    {
        var result = await call.Service<NoticeDispatcher>().RetryFailedAsync(Containers.Buildings, call.BuildingId, call.RouteValue("noticeId"), call.Aborted).ConfigureAwait(false);
        await call.Service<Core.Audit.AuditLog>().WriteAsync(call.BuildingId, call.Caller.UserId, "notice.retried", "notice", result.NoticeId, null, call.Aborted).ConfigureAwait(false);
        var outcome = result.Outcome switch
        {
            NoticeOutcome.Sent or NoticeOutcome.AlreadySent => "sent",
            NoticeOutcome.Failed => "failed",
            _ => "deferred",
        };
        return ApiJson.Ok(new NoticeRetryResponse(result.NoticeId, outcome));
    }
}
