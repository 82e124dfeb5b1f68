// The textual syntax of MPC expressions (docs/expressions.md). No embedded actions: the builder
// in dev.mpc.dsl.expr.internal.TextParser maps the parse tree to the IR.
//
// Shape: the levels between the conditional and the operand (or, and, not, comparison, additive,
// multiplicative) are one flat rule, a list of operands separated by binary operators, and the
// builder applies their precedence; prefix operators, the primary and its index suffixes are one
// operand rule. A nested expression costs three rule contexts (conditional, disjunction, operand)
// instead of ten, each further operand one instead of three to eight. The language is exactly that
// of the former ten-level chain (conditional > or > and > not > comparison > additive >
// multiplicative > unary > postfix > primary): when the grammar was flattened, a differential test
// against the former grammar found no difference in IR, positions or diagnostics (hundreds of
// thousands of random texts and every token sequence up to length 4); ExpressionsTest pins it.
grammar MpcExpr;

expression
    : conditional EOF
    ;

// Python-style `then if test else otherwise` (right-associative) and C-style `test ? then : otherwise`.
conditional
    : body=disjunction ( IF test=disjunction ELSE otherwise=conditional
                       | QUESTION then=conditional COLON otherwise=conditional )?
    ;

// Operands and the binary operators of levels 2-7 (or, and, comparisons, + -, * / %). `not` may
// only open an and-operand: at the start, or after and/or (so `a == not b` and `a + not b` are
// errors, and `not a == b` is `not (a == b)`). After an operand, `not` can only start `not in`.
disjunction
    : NOT* operand ( ( AND | ANDAND | OR | OROR ) NOT* operand
                   | ( EQ | NE | LT | LE | GT | GE | IN | NOT IN | MATCHES
                     | PLUS | MINUS | STAR | SLASH | PERCENT ) operand
                   )*
    ;

// Prefix `-`/`!` (tightest), a primary, then index suffixes. After a dot any word is a plain key,
// keywords included (event.class, ctx.if).
operand
    : ( MINUS | BANG )*
      ( ( INT | FLOAT | STRING | TRUE | FALSE | NULL )
      | IDENT ( LPAREN ( conditional ( COMMA conditional )* COMMA? )? RPAREN
              | ( DOT ( IDENT | IF | ELSE | AND | OR | NOT | IN | MATCHES | TRUE | FALSE | NULL ) )*
              )
      | LPAREN conditional RPAREN
      | LBRACK ( conditional ( COMMA conditional )* COMMA? )? RBRACK
      )
      ( LBRACK conditional RBRACK )*
    ;

IF       : 'if' ;
ELSE     : 'else' ;
AND      : 'and' ;
OR       : 'or' ;
NOT      : 'not' ;
IN       : 'in' ;
MATCHES  : 'matches' ;
TRUE     : 'true'  | 'True' ;
FALSE    : 'false' | 'False' ;
NULL     : 'null'  | 'None' ;

EQ : '==' ;  NE : '!=' ;  LE : '<=' ;  GE : '>=' ;  LT : '<' ;  GT : '>' ;
ANDAND : '&&' ;  OROR : '||' ;  BANG : '!' ;
PLUS : '+' ;  MINUS : '-' ;  STAR : '*' ;  SLASH : '/' ;  PERCENT : '%' ;
LPAREN : '(' ;  RPAREN : ')' ;  LBRACK : '[' ;  RBRACK : ']' ;
COMMA : ',' ;  DOT : '.' ;  QUESTION : '?' ;  COLON : ':' ;

FLOAT
    : DIGITS '.' DIGITS? EXPONENT?
    | '.' DIGITS EXPONENT?
    | DIGITS EXPONENT
    ;

INT
    : '0' ( '_'? '0' )*
    | [1-9] ( '_'? DIGIT )*
    | '0' [xX] ( '_'? HEX )+
    | '0' [oO] ( '_'? [0-7] )+
    | '0' [bB] ( '_'? [01] )+
    ;

STRING
    : '\'' ( ESCAPE | ~[\\'\r\n] )* '\''
    | '"'  ( ESCAPE | ~[\\"\r\n] )* '"'
    ;

IDENT    : ID_START ID_PART* ;

WS       : [ \t\f\r\n]+ -> skip ;
BAD_CHAR : . ;

fragment DIGITS   : DIGIT ( '_'? DIGIT )* ;
fragment DIGIT    : [0-9] ;
fragment HEX      : [0-9a-fA-F] ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
fragment ESCAPE   : '\\' ~[\r\n] ;
fragment ID_START : [\p{L}\p{Nl}_] ;
fragment ID_PART  : [\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}] ;
