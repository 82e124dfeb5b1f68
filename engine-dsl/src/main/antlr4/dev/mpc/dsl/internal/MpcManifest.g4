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

definition
    : DEF kind=key id=key displayName=STRING? LBRACE item* RBRACE
    ;

item
    : (property | definition) COMMA?
    ;

property
    : key COLON value
    ;

key
    : IDENT
    | TRUE
    | FALSE
    | NULL
    | STRING
    ;

value
    : STRING      # stringValue
    | NUMBER      # numberValue
    | TRUE        # trueValue
    | FALSE       # falseValue
    | NULL        # nullValue
    | array       # arrayValue
    | object      # objectValue
    ;

array
    : LBRACKET (value (COMMA value)* COMMA?)? RBRACKET
    ;

object
    : LBRACE (property (COMMA property)* COMMA?)? RBRACE
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
