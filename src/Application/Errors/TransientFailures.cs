using System.Data.Common;

namespace Shop.Application.Errors;

/// <summary>Failures that say "retry shortly" rather than "this request is wrong": one test for every place that asks.</summary>
public static class TransientFailures
{
    /// <summary>Whether the exception, or one it wraps, is a database failure the driver marks transient.</summary>
    public static bool IsDatabase(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the exception is a database statement cancelled at its command timeout.</summary>
    public static bool IsDatabaseTimeout(Exception exception) =>
        IsDatabase(exception) && exception is DbException { InnerException: TimeoutException } or { InnerException: DbException { InnerException: TimeoutException } };
}
