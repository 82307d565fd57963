namespace LoftsDesArts.Http.Pipeline;

/// <summary>
/// A per-client-address request budget for a route (or a group of routes sharing <see cref="Scope"/>):
/// at most <see cref="Limit"/> requests per <see cref="Window"/>. Counters live in the store, so all
/// instances share them. Per-account progressive delays are the use cases' business (sign-in).
/// </summary>
public sealed record ThrottleRule(string Scope, int Limit, TimeSpan Window);
