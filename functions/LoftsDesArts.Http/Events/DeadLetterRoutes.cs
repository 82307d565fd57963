using System.Globalization;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Events;

/// <summary>A dead letter as staff see it: where the event is, which handler gave up, and why (no personal data).</summary>
public sealed record DeadLetterResponse(
    string Id,
    string Handler,
    string EventId,
    string? EventKind,
    int Attempts,
    string ErrorType,
    string ErrorMessage,
    DateTimeOffset FirstFailedAt,
    DateTimeOffset LastFailedAt)
{
    public static DeadLetterResponse From(DeadLetterDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(document.Id, document.Handler, document.EventId, document.EventKind, document.Attempts,
            document.ErrorType, document.ErrorMessage, document.FirstFailedAt, document.LastFailedAt);
    }
}

public sealed record DeadLetterListResponse(IReadOnlyList<DeadLetterResponse> Items, string? Continuation);

/// <summary>The outcome of a retry: <c>handled</c> (the dead letter is gone) or <c>failed</c> (it stays, updated).</summary>
public sealed record DeadLetterRetryResponse(string Outcome, string Message, DeadLetterResponse? DeadLetter);

/// <summary>
/// Background work that failed, for the staff who operate a building (<see cref="Capability.OperateBackgroundWork"/>):
/// list its dead letters, and retry one. Only the route's building's dead letters are visible.
/// </summary>
public static class DeadLetterRoutes
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public static readonly ApiRoute List = ApiRoute
        .Get("ListDeadLetters", "buildings/{buildingId}/dead-letters", ListAsync)
        .RequireCapability(Capability.OperateBackgroundWork)
        .Returns<DeadLetterListResponse>()
        .Describe("The building's dead letters (events a background handler kept failing on), most recent first; ?continuation= and ?limit= page.");

    public static readonly ApiRoute Retry = ApiRoute
        .Post("RetryDeadLetter", "buildings/{buildingId}/dead-letters/{deadLetterId}/retry", RetryAsync)
        .RequireCapability(Capability.OperateBackgroundWork)
        .Returns<DeadLetterRetryResponse>()
        .Describe("Runs the handler again on the dead letter's event; on success the dead letter is removed.");

    public static IEnumerable<ApiRoute> All => [List, Retry];

    private static async Task<IResult> ListAsync(ApiCall call)
    {
        var query = call.Http.Request.Query;
        var continuation = query["continuation"].ToString() is { Length: > 0 } token ? token : null;
        var limit = DefaultPageSize;
        if (query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxPageSize))
        {
            throw DomainException.Invalid("limit", Texts.Fields.OutOfRange.Format(1, MaxPageSize));
        }

        var page = await call.Service<DeadLetters>().ListAsync(call.BuildingId, continuation, limit, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(new DeadLetterListResponse([.. page.Items.Select(i => DeadLetterResponse.From(i.Value))], page.Continuation));
    }

    private static async Task<IResult> RetryAsync(ApiCall call)
    {
        var retry = await call.Service<DeadLetters>().RetryAsync(call.BuildingId, call.RouteValue("deadLetterId"), call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(retry.Result == RetryResult.Handled
            ? new DeadLetterRetryResponse("handled", EventTexts.RetrySucceeded.In(call.Language), null)
            : new DeadLetterRetryResponse("failed", EventTexts.RetryFailed.In(call.Language), DeadLetterResponse.From(retry.DeadLetter!.Value)));
    }
}
