namespace Attend.Notebooks.Formatting;

/// <summary>How specific a formatter's type is for a value's type: the smaller, the more specific.</summary>
internal static class TypeDistance
{
    private const int Interface = 1_000;
    private const int Object = 10_000;

    /// <summary>
    /// 0 for the type itself, k for its k-th base class, <see cref="Interface"/> for an implemented interface,
    /// <see cref="Object"/> for <see cref="object"/>; -1 when <paramref name="formatterType"/> does not apply.
    /// Open generic types (<c>List&lt;&gt;</c>, <c>IEnumerable&lt;&gt;</c>) match their constructed types.
    /// </summary>
    /// <param name="formatterType">The type a formatter or preference was registered for.</param>
    /// <param name="valueType">The runtime type of the value.</param>
    /// <returns>The distance, or -1.</returns>
    public static int Of(Type formatterType, Type valueType)
    {
        if (formatterType == typeof(object))
        {
            return Object;
        }

        var depth = 0;
        for (var t = valueType; t is not null; t = t.BaseType, depth++)
        {
            if (Matches(formatterType, t))
            {
                return depth;
            }
        }

        if (formatterType.IsInterface && valueType.GetInterfaces().Any(i => Matches(formatterType, i)))
        {
            return Interface;
        }

        return -1;
    }

    private static bool Matches(Type formatterType, Type type) =>
        formatterType == type
        || (formatterType.IsGenericTypeDefinition && type.IsGenericType && type.GetGenericTypeDefinition() == formatterType);
}
