namespace LoftsDesArts.Core.Storage;

/// <summary>A document as read from the store, with the ETag to write it back conditionally.</summary>
public sealed record Stored<T>(T Value, string ETag);

/// <summary>One page of a query; <see cref="Continuation"/> is null on the last page.</summary>
public sealed record QueryPage<T>(IReadOnlyList<Stored<T>> Items, string? Continuation);
