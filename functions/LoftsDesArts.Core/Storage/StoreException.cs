namespace LoftsDesArts.Core.Storage;

public enum StoreFailure
{
    /// <summary>Create of an id that exists (Cosmos 409).</summary>
    Conflict,

    /// <summary>The ETag no longer matches (Cosmos 412).</summary>
    PreconditionFailed,

    /// <summary>Replace or delete of a missing document (Cosmos 404).</summary>
    NotFound,

    /// <summary>Too many requests; retry after <see cref="StoreException.RetryAfter"/> (Cosmos 429).</summary>
    Throttled,
}

/// <summary>
/// A store operation the caller can react to. Adapters translate their own errors into these, so
/// use cases never see SQLite or Cosmos types.
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException(StoreFailure failure, string message, int? operationIndex = null, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        OperationIndex = operationIndex;
    }

    public StoreException()
        : this(StoreFailure.Conflict, "store failure")
    {
    }

    public StoreException(string message)
        : this(StoreFailure.Conflict, message)
    {
    }

    public StoreException(string message, Exception innerException)
        : this(StoreFailure.Conflict, message, null, innerException)
    {
    }

    public StoreFailure Failure { get; }

    /// <summary>For a failed batch: the index of the operation that failed.</summary>
    public int? OperationIndex { get; }

    public TimeSpan? RetryAfter { get; init; }
}
