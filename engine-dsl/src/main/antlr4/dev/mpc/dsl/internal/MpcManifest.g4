/*
 * The MPC manifest DSL (pipeline spec section 4), with the documented fixes: empty arrays and
 * objects, exponents without a dot, and quoted kinds and ids.
 *
 * No actions: the visitor in dev.mpc.dsl.internal.DslFrontend builds the AST and reports
 * problems. Error tokens (UNTERMINATED_STRING, ERROR_CHAR) let the parser, not the lexer, report
 * bad characters with a position, so one error listener sees everything.
 */
grammar MpcManifest;

document
    : directive* definition* EOF
    ;

directive
    : AT_SCHEMA schemaValue=NUMBER        # schemaDirective
    | AT_NAMESPACE STRING                 # namespaceDirective
    | AT_NAME STRING                      # nameDirective
    | AT_VERSION STRING                   # versionDirective
    ;

// Rules are kept flat: a key (kind, id, property name) is the token set IDENT | TRUE | FALSE |
// NULL | STRING, arrays and objects are alternatives of value, and items are inlined into
// definition. Every rule context costs time and memory; a property is two contexts (property,
// value), not six. The builder tells value alternatives apart by their first token.
definition
    : DEF kind=(IDENT | TRUE | FALSE | NULL | STRING) id=(IDENT | TRUE | FALSE | NULL | STRING)
      displayName=STRING? LBRACE ( ( property | definition ) COMMA? )* RBRACE
    ;

property
    : key=(IDENT | TRUE | FALSE | NULL | STRING) COLON value
    ;

value
    : STRING
    | NUMBER
    | TRUE
    | FALSE
    | NULL
    | LBRACKET (value (COMMA value)* COMMA?)? RBRACKET
    | LBRACE (property (COMMA property)* COMMA?)? RBRACE
    ;

// ---- lexer

AT_SCHEMA    : '@schema' ;
AT_NAMESPACE : '@namespace' ;
AT_NAME      : '@name' ;
AT_VERSION   : '@version' ;
DEF          : 'def' ;
TRUE         : 'true' ;
FALSE        : 'false' ;
NULL         : 'null' ;

LBRACE   : '{' ;
RBRACE   : '}' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
COLON    : ':' ;
COMMA    : ',' ;

IDENT : [A-Za-z_] [A-Za-z0-9_.\-]* ;

NUMBER
    : [+-]? ( DIGITS EXPONENT?
            | DIGITS '.' DIGITS? EXPONENT?
            | '.' DIGITS EXPONENT?
            )
    ;

// Line ends: CR, LF and CRLF alike (the lexer's simulator counts a lone CR as a line end too).
// NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (U+0085, U+2028, U+2029), which editors may show as
// line breaks, also end strings and comments and are no whitespace: raw, they are always an error
// (ERROR_CHAR), so that nothing shown on a line of its own can be inside a comment or a string.
STRING : '"' ( '\\' ~[\r\n\u0085\u2028\u2029] | ~["\\\r\n\u0085\u2028\u2029] )* '"' ;

UNTERMINATED_STRING : '"' ( '\\' ~[\r\n\u0085\u2028\u2029] | ~["\\\r\n\u0085\u2028\u2029] )* '\\'? ;

WS      : [ \t\f\r\n]+ -> skip ;
COMMENT : '//' ~[\r\n\u0085\u2028\u2029]* -> skip ;

ERROR_CHAR : . ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
