// TEST-ONLY ORACLE: the expression grammar as it was before the flat operand/operator rewrite
// (10-level precedence chain), kept verbatim so that GrammarDifferentialProperties can compare
// the production parser against it. Generated into target/generated-test-sources only.
grammar MpcExprV1;

expression
    : conditional EOF
    ;

// Python-style `then if test else otherwise` (right-associative) and C-style `test ? then : otherwise`.
conditional
    : body=orExpr ( IF test=orExpr ELSE otherwise=conditional
                  | QUESTION then=conditional COLON otherwise=conditional )?
    ;

orExpr          : andExpr ( (OR | OROR) andExpr )* ;
andExpr         : notExpr ( (AND | ANDAND) notExpr )* ;

notExpr
    : NOT notExpr           # notNot
    | comparison            # notComparison
    ;

comparison      : additive ( compOp additive )* ;
compOp          : EQ | NE | LT | LE | GT | GE | IN | NOT IN | MATCHES ;

additive        : multiplicative ( addOp multiplicative )* ;
addOp           : PLUS | MINUS ;
multiplicative  : unary ( mulOp unary )* ;
mulOp           : STAR | SLASH | PERCENT ;

unary
    : MINUS unary           # negUnary
    | BANG unary            # bangUnary
    | postfix               # postfixUnary
    ;

postfix         : primary ( LBRACK conditional RBRACK )* ;

primary
    : literal                                   # litPrimary
    | IDENT LPAREN arguments? RPAREN            # callPrimary
    | IDENT ( DOT member )*                     # pathPrimary
    | LPAREN conditional RPAREN                 # parenPrimary
    | LBRACK arguments? RBRACK                  # listPrimary
    ;

arguments       : conditional ( COMMA conditional )* COMMA? ;

// After a dot any word is a plain key, keywords included (event.class, ctx.if).
member          : IDENT | IF | ELSE | AND | OR | NOT | IN | MATCHES | TRUE | FALSE | NULL ;

literal         : INT | FLOAT | STRING | TRUE | FALSE | NULL ;

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
