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

STRING : '"' ( '\\' ~[\n] | ~["\\\n] )* '"' ;

UNTERMINATED_STRING : '"' ( '\\' ~[\n] | ~["\\\n] )* '\\'? ;

WS      : [ \t\f\r\n]+ -> skip ;
COMMENT : '//' ~[\n]* -> skip ;

ERROR_CHAR : . ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
