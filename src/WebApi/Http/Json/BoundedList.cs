using System.Collections.ObjectModel;
using System.Text.Json;

namespace Shop.WebApi.Http.Json;

/// <summary>
/// A request's JSON array that stops being read at its bound: the serializer adds elements one by one, and the one past
/// <see cref="MaxCount"/> ends the read with a field error, so an oversized array is never built, let alone validated.
/// </summary>
internal abstract class BoundedList<T> : Collection<T>
{
    protected abstract int MaxCount { get; }

    protected override void InsertItem(int index, T item)
    {
        if (Count >= MaxCount)
        {
            throw new TooManyElementsException(MaxCount);
        }

        base.InsertItem(index, item);
    }
}

/// <summary>An array longer than its bound; its own type, so the problem mapping can name the field and the bound.</summary>
internal sealed class TooManyElementsException : JsonException
{
    public TooManyElementsException(int maxCount) : base($"Must hold at most {maxCount} items.")
    {
    }
}
