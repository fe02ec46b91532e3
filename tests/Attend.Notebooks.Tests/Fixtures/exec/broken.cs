// A namespace is not allowed in script code: #!import reports the compile error with this file's name.
namespace Broken;

public class Nope { }
