using LoftsDesArts.Http.Notices;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Notices;

/// <summary>One thin function per route of <see cref="NoticeRoutes"/>: each is a call into the shared pipeline.</summary>
public sealed class NoticeFunctions(ApiPipeline pipeline)
{
    [Function("ListFailedNotices")]
    public Task<IResult> ListFailedNotices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/notices/failed")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, NoticeRoutes.ListFailed);

    [Function("RetryNotice")]
    public Task<IResult> RetryNotice([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/notices/{noticeId}/retry")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, NoticeRoutes.Retry);
}
